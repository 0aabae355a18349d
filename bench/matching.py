"""Benchmark of the matching engine: speed, memory and quality against exact solvers and bounds."""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np

from bot.matching.batch import pair_scores
from bot.matching.engine import make_groups
from bot.matching.grouping import Rules, score_edges
from bot.matching.model import Candidate, MatchInput, MatchSettings
from bot.matching.relaxation import fractional_bound
from bot.matching.scoring import Scorer, build_profile, history_map
from bot.matching.solver import Edge, build_adjacency, max_weight_matching

SKILLS = [
    "web development",
    "a landing page",
    "React front end",
    "iOS app",
    "Android app",
    "backend APIs",
    "Postgres database tuning",
    "machine learning",
    "data analysis",
    "Python data pipelines",
    "seed funding advice",
    "pitch deck review",
    "pitch coaching",
    "investor intros",
    "contract law",
    "partnership agreements",
    "trademark filing",
    "bookkeeping",
    "tax questions",
    "financial model",
    "SEO",
    "social media marketing",
    "content marketing",
    "email newsletter",
    "B2B sales",
    "cold outreach",
    "lead generation",
    "UX design",
    "logo design",
    "Figma prototypes",
    "product roadmap",
    "user research",
    "AWS hosting",
    "Kubernetes",
    "security review",
    "hiring engineers",
    "finding a cofounder",
    "mentoring first-time founders",
    "business plan",
    "copywriting",
    "technical writing",
    "video editing",
    "podcast production",
    "Shopify store",
    "supply chain sourcing",
    "translation to Spanish",
    "smart contracts",
    "grant writing",
    "public speaking",
    "pricing strategy",
    "community building",
    "customer interviews",
    "accessibility audit",
    "game design",
    "3D modelling",
    "music production",
    "photography",
    "nonprofit boards",
]
OFFER_FORMS = ["{s}", "I can help with {s}", "happy to do {s}", "{s} (10 years)", "I do {s}"]
NEED_FORMS = ["{s}", "need someone for {s}", "looking for {s}", "help with {s}", "I need {s}"]
GOALS = ["fintech", "climate", "healthtech", "edtech", "ecommerce", "saas", "gaming", "media"]
ZONES = [
    "Europe/Berlin",
    "Europe/London",
    "America/New_York",
    "America/Los_Angeles",
    "Asia/Kolkata",
    "Asia/Tokyo",
    "Africa/Lagos",
    "America/Sao_Paulo",
    "Australia/Sydney",
]
LANGS = ["English", "Spanish", "German", "French", "Portuguese", "Hindi", "Japanese"]


def generate(n: int, seed: int) -> MatchInput:
    """Members with Zipf-skewed skills (a few very common, a long rare tail), as people write."""
    rng = random.Random(seed)
    weights = [1.0 / (r + 1) ** 0.8 for r in range(len(SKILLS))]
    cands = []
    for i in range(n):
        offers = rng.choices(SKILLS, weights, k=rng.randint(1, 3))
        needs = rng.choices(SKILLS, weights, k=rng.randint(1, 3))
        cands.append(
            Candidate(
                member_id=f"m{i:06d}",
                name=f"Member {i}",
                offers=tuple(rng.choice(OFFER_FORMS).format(s=s) for s in offers),
                needs=tuple(rng.choice(NEED_FORMS).format(s=s) for s in needs if s not in offers),
                goal=f"{rng.choice(GOALS)} startup",
                timezone=rng.choice(ZONES),
                languages=tuple(rng.sample(LANGS, rng.randint(1, 2))),
            )
        )
    return MatchInput(candidates=tuple(cands), settings=MatchSettings(seed=seed))


def _scorer(mi: MatchInput) -> Scorer:
    cands = sorted({c.member_id: c for c in mi.candidates}.values(), key=lambda c: c.member_id)
    return Scorer([build_profile(c) for c in cands], history_map(mi.history))


def primary_graph(mi: MatchInput) -> tuple[int, list[Edge]]:
    """The engine's own candidate graph and weights for this input (what the solver sees)."""
    scorer = _scorer(mi)
    rules = Rules(scorer, frozenset(), frozenset(), only_real=False)
    edges, _ = score_edges(rules, mi.settings.seed)
    return len(scorer.profiles), edges


def total(edges: list[Edge], pairs: list[tuple[int, int]]) -> float:
    w = {(min(u, v), max(u, v)): x for u, v, x in edges}
    return sum(w.get((min(a, b), max(a, b)), 0.0) for a, b in pairs)


def measure(n: int, exact: bool, slow: bool) -> dict[str, object]:
    mi = generate(n, seed=n)
    t0 = time.perf_counter()
    result = make_groups(mi)
    seconds = time.perf_counter() - t0
    row: dict[str, object] = {
        "n": n,
        "seconds": seconds,
        "total": result.total_score,
        "groups": len(result.groups),
    }
    row["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    size, edges = primary_graph(mi)
    row["edges"] = len(edges)
    t0 = time.perf_counter()
    ours = total(edges, max_weight_matching(size, edges))
    row["match_seconds"] = time.perf_counter() - t0
    row["match_total"] = ours
    greedy = total(edges, max_weight_matching(size, edges, relaxation_limit=0, local_search=False))
    row["bound"] = fractional_bound(build_adjacency(size, edges))
    rng = random.Random(n)
    order = list(range(size))
    rng.shuffle(order)
    # A random pairing scored with the real pair score (its pairs are mostly not candidates).
    random_scores, _ = pair_scores(
        _scorer(mi), np.asarray(order[::2][: size // 2]), np.asarray(order[1::2][: size // 2])
    )
    row["random_total"] = float(random_scores.sum())
    row["greedy_total"] = greedy
    if exact and n <= 5000:
        import rustworkx as rx

        g = rx.PyGraph()
        g.add_nodes_from(range(size))
        g.add_edges_from(edges)
        t0 = time.perf_counter()
        best = rx.max_weight_matching(g, weight_fn=lambda w: int(w * 1_000_000))
        row["rx_seconds"] = time.perf_counter() - t0
        row["exact_total"] = total(edges, list(best))
    if exact and slow and n <= 2000:
        import networkx as nx

        g2 = nx.Graph()
        g2.add_weighted_edges_from(edges)
        t0 = time.perf_counter()
        nx.max_weight_matching(g2)
        row["nx_seconds"] = time.perf_counter() - t0
    return row


def _ratio(num: object, den: object) -> str:
    if isinstance(num, (int, float)) and isinstance(den, (int, float)) and den:
        return f"{num / den:.4f}"
    return "-"


def _num(value: object, spec: str) -> str:
    width = int(spec.split(".")[0])
    return format(value, spec) if isinstance(value, (int, float)) else "-".rjust(width)


def fmt(row: dict[str, object]) -> str:
    """One table row; ratios are of matching totals on the engine's own candidate graph."""
    cells = [
        f"{row['n']:>7}",
        _num(row.get("seconds"), "8.2f"),
        _num(row.get("peak_mib"), "8.0f"),
        _num(row.get("total"), "11.1f"),
        _num(row.get("match_seconds"), "7.2f"),
        _num(row.get("rx_seconds"), "6.2f"),
        _num(row.get("nx_seconds"), "6.1f"),
        f"{_ratio(row['match_total'], row.get('exact_total')):>8}",
        f"{_ratio(row['match_total'], row['bound']):>8}",
        f"{_ratio(row['greedy_total'], row['bound']):>12}",
        f"{_ratio(row['random_total'], row['bound']):>12}",
    ]
    return " | ".join(cells)


HEADER = (
    "members | engine s | peak MiB | total score | match s | rx s   | nx s   | vs exact | "
    "vs bound | greedy/bound | random/bound"
)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,5000,20000,100000")
    parser.add_argument("--skip-exact", action="store_true", help="no rustworkx/networkx runs")
    parser.add_argument("--skip-slow", action="store_true", help="no networkx run (~110 s)")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(measure(args.one, not args.skip_exact, not args.skip_slow)))
        return 0
    print(HEADER)
    for n in (int(s) for s in args.sizes.split(",")):
        # One process per size so peak memory is that size's own.
        cmd = [sys.executable, __file__, "--one", str(n)]
        cmd += ["--skip-exact"] * args.skip_exact + ["--skip-slow"] * args.skip_slow
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        print(fmt(json.loads(out.strip().splitlines()[-1])), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
