"""The occupation and competency store: models, loaders, resolver and scorer.

Knows nothing of Rasa; usable on its own through the ``careerbot`` command.
"""
