"""One summary table over every criterion benchmark of the workspace (``make bench``).

Reads ``target/criterion/**/new/{benchmark,estimates}.json`` and prints, per figure: our
throughput, the plain baseline measured in the same run, their ratio, memcpy of the same bytes
(the physical bound), and the design target.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

TARGETS = {
    "lote_build": ("1000 MB/s", 1000.0),
    "page_decode": ("600 MB/s", 600.0),
    "paginate": ("100k records < 1 s", 100_000.0),
    "c_overhead": ("ratio <= 1.05 (< 5%)", 1.05),
}
OURS = ("taf-core", "taf_core", "live-core")


@dataclass
class Run:
    figure: str
    function: str
    rate: float
    unit: str
    seconds: float


def runs(root: Path) -> list[Run]:
    found = []
    for bench in root.glob("**/new/benchmark.json"):
        meta = json.loads(bench.read_text())
        estimates = json.loads((bench.parent / "estimates.json").read_text())
        seconds = estimates["mean"]["point_estimate"] / 1e9
        throughput = meta.get("throughput") or {}
        if "Bytes" in throughput:
            rate, unit = throughput["Bytes"] / seconds / 1e6, "MB/s"
        elif "Elements" in throughput:
            rate, unit = throughput["Elements"] / seconds, "items/s"
        else:
            rate, unit = 1 / seconds, "runs/s"
        function = str(meta["function_id"])
        figure = f"{meta['group_id']}" + (f" {meta['value_str']}" if meta.get("value_str") else "")
        found.append(Run(figure, function, rate, unit, seconds))
    return found


def main() -> None:
    root = Path(sys.argv[1] if len(sys.argv) > 1 else "target/criterion")
    figures: dict[str, dict[str, Run]] = {}
    for run in runs(root):
        figure, function = run.figure, run.function
        if "/" in function:  # benchmark ids with a parameter: "name/param"
            name, parameter = function.split("/", 1)
            figure, function = f"{figure} {parameter}", name
        figures.setdefault(figure, {})[function] = run
    header = f"{'figure':42} {'ours':>14} {'baseline':>14} {'ratio':>7} {'memcpy':>14} {'target':>20}"
    print(header)
    print("-" * len(header))
    for figure in sorted(figures):
        entries = figures[figure]
        ours = next((run for name, run in entries.items() if name.startswith(OURS)), None)
        if ours is None and len(entries) == 1:
            ours = next(iter(entries.values()))
        memcpy = entries.get("memcpy")
        baseline = next(
            (run for name, run in entries.items() if not name.startswith(OURS) and name != "memcpy"), None
        )
        if ours is None:
            continue
        if baseline is ours:
            baseline = None

        def cell(run: Run | None) -> str:
            return "-" if run is None else f"{run.rate:,.0f} {run.unit}"

        ratio = "-" if baseline is None else f"{ours.rate / baseline.rate:.2f}x"
        target = next((label for prefix, (label, _) in TARGETS.items() if figure.startswith(prefix)), "-")
        if figure.startswith("paginate"):
            target += f" ({ours.seconds:.2f} s)"
        print(f"{figure:42} {cell(ours):>14} {cell(baseline):>14} {ratio:>7} {cell(memcpy):>14} {target:>20}")


if __name__ == "__main__":
    main()
