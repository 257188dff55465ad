"""The next action, with TED's and the memoization's predictions left out when the RulePolicy's already wins.

Rasa 3.6 runs every policy for every action it predicts and then lets the ensemble pick one. TED costs the
most of them (its TensorFlow model, about 3-4 ms a prediction here, and a greeting inside the career form
predicts three actions: bench/profile_turns.py), and most of careerbot's predictions come from its rules.
The ensemble (``DefaultPolicyPredictionEnsemble._pick_best_policy``) picks by (confidence, priority), and
before that prefers the RulePolicy's "no user" predictions (a form carrying on) over every other. So when
the RulePolicy's prediction is a "no user" one, or has confidence 1.0 (a rule applies: its priority is the
highest, and no policy's confidence is over 1.0), nothing TED or the memoization could say would change the
pick. Then the ensemble is run on the RulePolicy's prediction alone: the same action, policy name,
confidence and events as the full run (the other two policies add no events unless TED reads the user's
text, end to end, which is checked for once and then this is not used at all). Otherwise the graph is run
as Rasa runs it, with the RulePolicy's prediction already made handed in.

Not used (Rasa's own way throughout) right after an action was rejected, where the ensemble first sets the
rejected action's confidence to 0 in every prediction, and for a model whose policies are not the three
in config.yml with the RulePolicy first by priority.
"""
from __future__ import annotations

import logging
from typing import Any, Optional

from rasa.core.policies.ensemble import DefaultPolicyPredictionEnsemble
from rasa.core.policies.policy import Policy, PolicyPrediction
from rasa.core.policies.rule_policy import RulePolicy
from rasa.core.policies.ted_policy import TEDPolicy
from rasa.shared.core.events import ActionExecuted, ActionExecutionRejected
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import TEXT

log = logging.getLogger(__name__)
PLACEHOLDER_TRACKER = "__tracker__"  # the name Rasa's processor gives the tracker among the graph's inputs


class RulesFirst:
    """For one loaded model: its RulePolicy's node, and the ensemble that picks among the policies."""

    def __init__(self, rule_node: str, ensemble: DefaultPolicyPredictionEnsemble) -> None:
        self.rule_node, self.ensemble = rule_node, ensemble

    @classmethod
    def for_runner(cls, runner: Any, target: str) -> Optional["RulesFirst"]:
        """None when the shortcut cannot be shown to give the ensemble's own pick for this model."""
        nodes = getattr(runner, "_instantiated_nodes", None)  # DaskGraphRunner's loaded components
        schema = getattr(runner, "_graph_schema", None)
        if not nodes or schema is None or target not in schema.nodes:
            return None
        ensemble = getattr(nodes[target], "_component", None)
        if not isinstance(ensemble, DefaultPolicyPredictionEnsemble):
            return None
        policies = {name: getattr(nodes[name], "_component", None) for name in schema.nodes[target].needs.values()
                    if name in nodes and issubclass(schema.nodes[name].uses, Policy)}
        rules = [name for name, policy in policies.items() if isinstance(policy, RulePolicy)]
        if len(rules) != 1 or any(policy is None for policy in policies.values()):
            return None
        others = [policy for name, policy in policies.items() if name != rules[0]]
        if any(policy.priority >= policies[rules[0]].priority or reads_text(policy) for policy in others):
            return None
        return cls(rules[0], ensemble)

    def predict(self, runner: Any, target: str, tracker: DialogueStateTracker, domain) -> PolicyPrediction:
        rule = runner.run(inputs={PLACEHOLDER_TRACKER: tracker}, targets=[self.rule_node])[self.rule_node]
        if decides(rule, tracker):
            return self.ensemble.combine_predictions([rule], tracker, domain)
        results = runner.run(inputs={PLACEHOLDER_TRACKER: tracker, self.rule_node: rule}, targets=[target])
        return results[target]


def reads_text(policy: Policy) -> bool:
    """Whether the policy can make an end-to-end prediction (from the user's text), which overrules the rules'."""
    return isinstance(policy, TEDPolicy) and TEXT in (policy.fake_features or {})


def decides(rule: PolicyPrediction, tracker: DialogueStateTracker) -> bool:
    """Whether the RulePolicy's prediction is the ensemble's pick whatever the other policies predict."""
    last_action = next((e for e in reversed(tracker.events) if isinstance(e, (ActionExecutionRejected, ActionExecuted))),
                       None)
    if isinstance(last_action, ActionExecutionRejected):
        return False
    if rule.is_no_user_prediction:
        return True
    # TED's end-to-end prediction is ruled out by reads_text; its and the memoization's confidence is at most 1
    return rule.max_confidence >= 1.0 and not rule.is_end_to_end_prediction

