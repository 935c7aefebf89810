#!/usr/bin/env bash
# The Durable Task engine benchmark of the local host (tests/Researcher.Benchmarks): per-step engine
# overhead on Azurite, one research on the engine against the same research in process, resume
# after kill -9, and researches per minute on one and two hosts. Not part of eng/test.sh. It starts
# its own Azurite on free loopback ports (never 10000-10002) with its data in a temporary folder,
# and its own host processes; it ends them all and deletes the folder when it ends. Prints a
# Markdown table of the figures (progress goes to standard error). Extra arguments go to the
# program: --out FILE also writes the table to FILE; --parts 1,2,3,4 runs only some parts; sizes:
# --steps N --batches N --fan-out N --runs K --resume-repeats N --resume-activities N --load N
# --load-subquestions N --load-sources N --load-activities N --load-orchestrations N --load-rounds N.
# --parts live (never run unless named) measures live progress through the local SignalR hub instead
# (BENCHMARKS.md, "Live progress (local hub)"): --live-sequential N --live-concurrent N --live-rounds N
# --hub-deliveries N --browser-researches N (0: no headless Chromium); run it with DOTNET_gcServer=1.
# --parts extraction (never run unless named; no Azurite) measures web page extraction on the Python
# documentation of the Debian package python3.11-doc (BENCHMARKS.md, "Web page extraction"), and
# skips with a message when it is not installed: --extraction-docs DIR --extraction-rounds N.
# --parts providers (never run unless named) runs research through the in-process host against a fake
# model, Tavily and web pages on loopback that answer after fixed latencies (BENCHMARKS.md, "Research
# against slow providers"): wall time against the critical path, and tokens and cost per report type;
# --provider-runs N researches of each timed report type per engine setting.
# --parts deep (never run unless named) runs a deep research (breadth 4, depth 2: 12 branches) the same
# way (BENCHMARKS.md, "Deep research against slow providers"): its wall time against its critical path,
# the longest chain of dependent provider calls from the plan to the report, with every subtree at once
# and with Research:Limits:SequentialSubtrees, at the providers part's latencies and at slower ones;
# --deep-runs N researches per series after one warm-up (3 by default).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$REPO_ROOT"

require_tools
install_azurite
choose_signalr_build

# Builds the host (functions/Researcher.LocalHost/bin/Release/net10.0/researcher.dll, run as a
# process by parts 3 and 4) with the benchmark, which references it.
dotnet build tests/Researcher.Benchmarks -c Release --nologo -v:q >&2   # standard output is the table alone
dotnet tests/Researcher.Benchmarks/bin/Release/net10.0/Researcher.Benchmarks.dll "$@"
