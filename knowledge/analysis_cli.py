"""careerbot resolve / compare / explore."""
def add_analysis_commands(sub):
    pass
