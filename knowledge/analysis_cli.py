"""``careerbot resolve | compare | explore``: the analysis questions, for people and for scripts.

``resolve -`` and ``explore -`` read one title or code per line from standard input and print one
JSON result per line (JSON Lines), in one process.
"""
from __future__ import annotations

import json
import sys

from knowledge.errors import UserError
from knowledge.scoring.profiles import DOMAINS


def _analyst(args):
    from knowledge.analysis import analyst_for
    from knowledge.db import the_store

    return analyst_for(the_store(args.db))


def _triple(text: str | None, name: str) -> dict | None:
    """'50,69,69' -> {'abilities': 50, 'skills': 69, 'knowledge': 69}."""
    if text is None:
        return None
    parts = text.split(",")
    try:
        values = [float(p) for p in parts]
    except ValueError:
        raise UserError(f"--{name} takes three numbers for abilities, skills, knowledge, like 50,69,69") from None
    if len(values) != 3 or any(v < 0 for v in values) or (name == "filters" and any(v > 100 for v in values)):
        raise UserError(f"--{name} takes three numbers for abilities, skills, knowledge, like 50,69,69" +
                        (" (each 0-100)" if name == "filters" else " (each 0 or more)"))
    return dict(zip(DOMAINS, values))


def _lines(stream):
    for line in stream:
        line = line.strip()
        if line:
            yield line


def _emit(obj) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, default=str) + "\n")


# -- resolve -----------------------------------------------------------------------------------
def cmd_resolve(args) -> int:
    from knowledge.resolver import get_resolver

    analyst = _analyst(args)
    resolver = get_resolver(analyst.engine)

    def one(text: str) -> list[dict]:
        if analyst_code := _code_match(analyst, text):
            return [analyst_code]
        return [m.as_dict() for m in resolver.resolve(text, top=args.top)]

    if args.text == "-":
        for line in _lines(sys.stdin):
            _emit({"input": line, "matches": one(line)})
        return 0
    matches = one(args.text)
    if args.json:
        _emit(matches)
    elif not matches:
        sys.stdout.write("No job matches that text.\n")
    else:
        for m in matches:
            sys.stdout.write(f"{m['confidence']:.2f}  {m['code']}  {m['title']}  (matched {m['matched']!r})\n")
    return 0 if matches or args.text == "-" else 1


def _code_match(analyst, text: str) -> dict | None:
    from knowledge.lookup import UnknownCode, normalise_code

    if not normalise_code(text):
        return None
    try:
        occ = analyst.occupation(text)
    except UnknownCode:
        return None
    return {"code": occ.code, "title": occ.title, "confidence": 1.0, "matched": text.strip()}


# -- compare -----------------------------------------------------------------------------------
def _profile(analyst, args):
    """The person's jobs (--from CODE:YEARS[:YEARS_AGO], repeatable) and schooling (--education, --credits), or None."""
    from knowledge.person.profile import Job, Profile, parse_education, parse_job

    education = parse_education(args.education, args.credits)
    if not args.jobs:
        if education is not None:
            raise UserError("--education and --credits go with the jobs held, given as --from CODE:YEARS")
        return None
    jobs = []
    for text in args.jobs:
        code, years, ago = parse_job(text)
        jobs.append(Job(analyst.find(code).code, years, ago))
    return Profile(jobs, education)


def cmd_compare(args) -> int:
    analyst = _analyst(args)
    from knowledge.render import compare_text, print_result

    profile = _profile(analyst, args)
    if profile is not None:
        if len(args.codes) != 1:
            raise UserError("with --from, give only the job they want: compare --from CODE:YEARS ... TO")
        from knowledge.person.compare import compare_profile
        from knowledge.person.text import profile_text

        result = compare_profile(analyst, profile, args.codes[0], state=args.state, filters=_triple(args.filters, "filters"),
                                 weights=_triple(args.weights, "weights"))
        print_result(args.json, result, profile_text)
        return 0
    if len(args.codes) != 2:
        raise UserError("compare takes FROM and TO (codes or job titles), or --from CODE:YEARS ... and TO")
    result = analyst.compare(args.codes[0], args.codes[1], state=args.state, filters=_triple(args.filters, "filters"),
                             weights=_triple(args.weights, "weights"))
    print_result(args.json, result, compare_text)
    return 0


# -- explore -----------------------------------------------------------------------------------
def cmd_explore(args) -> int:
    from knowledge.suggestions import Wishes, suggest

    analyst = _analyst(args)
    area_code, area_name, postal = analyst.area(args.state)
    wishes = Wishes(growing=args.growing, less_school=args.no_degree, avoid=[w.lower() for w in args.avoid or []],
                    fields=args.field or [], toward=analyst.occupation(args.toward).code if args.toward else None)

    profile = _profile(analyst, args)
    if profile is not None and args.source is not None:
        raise UserError("give the jobs held either as FROM or as --from CODE:YEARS ..., not both")
    if profile is None and args.source is None:
        raise UserError("explore needs the job they have (FROM) or the jobs they held (--from CODE:YEARS ...)")

    def one(text: str | None) -> dict:
        person = {}
        if profile is not None:  # several jobs: measured from all of them, pay and zone from the current one
            from knowledge.person.compare import destination_options, job_facts

            source = analyst.occupations[profile.current().code]
            person = destination_options(analyst, profile)
        else:
            source = analyst.find(text)
        try:  # the same suggestions as the chat: pay in the state, --min-wage-gain measured on it
            found = suggest(analyst, source.code, wishes, state=postal, top=args.top, min_wage_gain=args.min_wage_gain,
                            max_zone_step=args.max_zone_step, **person)
        except ValueError as exc:  # the source lacks what a filter needs
            raise UserError(str(exc)) from None
        result = {"from": source.as_dict(), "destinations": found["destinations"], "rated": found["rated"],
                  "ranking": RANKING_NOTE if found["rated"] else "O*NET's related occupations, in O*NET's order.",
                  "order": found["order"], "wishes": found["wishes"], "pay_area": found["area"],
                  "sources": {"scores": analyst.cite("matrix"), "wages": analyst.cite("wage") + f" ({found['area']['name']} medians)",
                              "projections": analyst.cite("projection")}}
        if postal:
            result["state"] = {"state": postal, "name": area_name, "median_wage": found["source_wage"]}
        if profile is not None:
            result["profile"] = {"jobs": [job_facts(analyst, j) for j in profile.jobs],
                                 "education": profile.education.words() if profile.education else None}
            result["ranking"] = RANKING_NOTE_PROFILE if found["rated"] else result["ranking"]
        return result

    if args.source == "-":
        from knowledge.analysis import AmbiguousJob, UnknownJob
        from knowledge.lookup import UnknownCode

        for line in _lines(sys.stdin):
            try:
                _emit({"input": line, **one(line)})
            except (AmbiguousJob, UnknownJob, UnknownCode, UserError) as exc:
                _emit({"input": line, "error": str(exc.args[0] if exc.args else exc),
                       "candidates": getattr(exc, "candidates", [])})
        return 0
    from knowledge.render import explore_text, print_result

    print_result(args.json, one(args.source), explore_text)
    return 0


RANKING_NOTE_PROFILE = ("Ranked by how alike each job is to the closest of your jobs together with how much of its "
                        "requirements all your jobs together cover; pay and preparation compared with the job you have now.")
RANKING_NOTE = ("Ranked by how alike the two jobs are (knowledge, tasks, titles, abilities, skills, work activities, "
                "preparation) together with how much of the new job's requirements the current one already covers.")


def _profile_options(p) -> None:
    p.add_argument("--from", dest="jobs", action="append", metavar="CODE:YEARS[:YEARS_AGO]",
                   help="a job they held (code or title), for how many years, how many years ago they left it "
                        "(default 0: now); repeatable: the profile's coverage and which job covers what")
    from knowledge.person.profile import EDUCATION_LEVELS

    p.add_argument("--education", choices=list(EDUCATION_LEVELS), help="with --from: their highest schooling")
    p.add_argument("--credits", type=float, help="with --from: the college semester hours they have")


def add_analysis_commands(sub) -> None:
    from knowledge.job_kinds import FIELDS

    p = sub.add_parser("resolve", help="job title in free text -> ranked O*NET occupations")
    p.add_argument("text", help="the title as people say it, or - to read one per line from stdin (JSON Lines out)")
    p.add_argument("--top", type=int, default=5)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_resolve)

    p = sub.add_parser("compare", help="how much of FROM (or of the jobs held, --from) carries over to TO, what is "
                                       "missing, wages and outlook")
    p.add_argument("codes", nargs="+", metavar="[FROM] TO", help="code or job title of the job they have (unless --from) "
                                                               "and of the one they want")
    _profile_options(p)
    p.add_argument("--state", help="two-letter state code for local wages (else national)")
    p.add_argument("--filters", help="importance filters for abilities,skills,knowledge (default 50,69,69)")
    p.add_argument("--weights", help="weights for abilities,skills,knowledge (default 1,1,1)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_compare)

    p = sub.add_parser("explore", help="where else could FROM go: ranked destinations")
    p.add_argument("source", metavar="FROM", nargs="?",
                   help="code or job title, or - to read one per line from stdin (JSON Lines out); or --from")
    p.add_argument("--top", type=int, default=10)
    p.add_argument("--state", help="two-letter state code for local wages (else national)")
    p.add_argument("--max-zone-step", type=int, help="at most this many job zones above FROM")
    p.add_argument("--min-wage-gain", type=float,
                   help="only destinations whose median wage is at least this much higher, in --state when given (0: no pay cut)")
    p.add_argument("--avoid", action="append", metavar="WORD", help="leave out jobs of this kind (driving, retail); repeatable")
    p.add_argument("--field", action="append", choices=sorted(FIELDS), help="only jobs in this field; repeatable")
    p.add_argument("--growing", action="store_true", help="only jobs BLS projects to grow 2024-34")
    p.add_argument("--no-degree", action="store_true", help="only jobs whose typical entry education is below an associate's degree")
    p.add_argument("--toward", metavar="CODE", help="only jobs near this one (the job they want)")
    _profile_options(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_explore)
