#!/usr/bin/env bash
# Builds (if needed) and runs one libFuzzer target of the Fuzzing/ package.
#
#   scripts/fuzz.sh TARGET SECONDS [libFuzzer options...]
#   scripts/fuzz.sh TARGET run FILE...     re-runs saved inputs (a crash, a regression seed) once
#
# TARGET is yaml, check or pack (or all, which runs each for SECONDS). New inputs go to
# .build-fuzz/corpus/TARGET (seeded from Samples/, Rules/ and Tests/Fixtures/ by
# scripts/fuzz-inputs.py); crashes, hangs, leaks and out-of-memory inputs to .build-fuzz/findings/TARGET.
# The exit status is libFuzzer's: non-zero on any finding.
#
# Environment:
#   FUZZ_SMOKE=1         fixed run for CI: seed 1, the seeds only, nothing kept
#   FUZZ_CONFIG=release  build configuration (default release; debug builds faster, runs slower)
#   FUZZ_SYSTEM_LIBYAML=1  link the system libyaml instead of an instrumented build of its sources
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

usage() { echo "usage: scripts/fuzz.sh yaml|check|pack|all SECONDS [libFuzzer options...] | TARGET run FILE..." >&2; exit 2; }
[ $# -ge 2 ] || usage
target="$1"; seconds="$2"; shift 2
case "$seconds" in run) [ $# -ge 1 ] && [ "$target" != all ] || usage ;; ''|*[!0-9]*) usage ;; esac
if [ "$target" = all ]; then
  for t in yaml check pack; do "$0" "$t" "$seconds" "$@"; done
  exit 0
fi
case "$target" in yaml|check|pack) ;; *) usage ;; esac

work="$root/.build-fuzz"
config="${FUZZ_CONFIG:-release}"
mkdir -p "$work"

# --- libyaml built from Debian's source package with fuzzer coverage and ASan --------------------
# The version matches the installed libyaml-dev, whose header the Swift code is compiled against.
libyaml="$work/libyaml"
build_libyaml() {
  local version src tmp
  version="$(dpkg-query -W -f='${source:Version}' libyaml-dev 2>/dev/null || true)"
  [ -n "$version" ] || { echo "fuzz: libyaml-dev is not installed" >&2; return 1; }
  command -v dpkg-source >/dev/null || { echo "fuzz: dpkg-source (dpkg-dev) is needed to unpack the source package" >&2; return 1; }
  tmp="$(mktemp -d)"
  # Source indexes for the machine's own Debian repositories, in a private apt state folder, so the
  # system's apt configuration is left as it is.
  mkdir -p "$tmp/parts" "$tmp/lists/partial" "$tmp/src"
  : > "$tmp/sources.list"
  if [ -f /etc/apt/sources.list ]; then sed -n 's/^deb \(.*\)$/deb-src \1/p' /etc/apt/sources.list >> "$tmp/sources.list"; fi
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] && sed 's/^Types: deb$/Types: deb-src/' "$f" > "$tmp/parts/$(basename "$f")"
  done
  for f in /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] && sed -n 's/^deb \(.*\)$/deb-src \1/p' "$f" >> "$tmp/sources.list"
  done
  local apt=(apt-get -q -o "Dir::Etc::SourceList=$tmp/sources.list" -o "Dir::Etc::SourceParts=$tmp/parts"
             -o "Dir::State::Lists=$tmp/lists" -o "APT::Sandbox::User=root")
  echo "fuzz: fetching the libyaml $version source package"
  "${apt[@]}" update >"$tmp/apt.log" 2>&1 || { cat "$tmp/apt.log" >&2; return 1; }
  (cd "$tmp/src" && "${apt[@]}" source "libyaml=$version") >>"$tmp/apt.log" 2>&1 || { cat "$tmp/apt.log" >&2; return 1; }
  src="$(find "$tmp/src" -mindepth 1 -maxdepth 1 -type d -name 'libyaml-*' | head -n 1)"
  [ -n "$src" ] && [ -f "$src/src/parser.c" ] || { echo "fuzz: unpacked source not found" >&2; return 1; }
  local upstream="${version#*:}"; upstream="${upstream%%-*}"
  local major="${upstream%%.*}" rest="${upstream#*.}"
  local minor="${rest%%.*}" patch="${rest#*.}"
  rm -rf "$libyaml"; mkdir -p "$libyaml/obj" "$libyaml/lib"
  for c in "$src"/src/*.c; do
    clang -c -g -O1 -fsanitize=fuzzer-no-link,address -fno-omit-frame-pointer -I"$src/include" \
      -DYAML_VERSION_MAJOR="$major" -DYAML_VERSION_MINOR="$minor" -DYAML_VERSION_PATCH="$patch" \
      -DYAML_VERSION_STRING="\"$upstream\"" -o "$libyaml/obj/$(basename "$c" .c).o" "$c"
  done
  ar rcs "$libyaml/lib/libyaml.a" "$libyaml"/obj/*.o
  echo "$version" > "$libyaml/VERSION"
  rm -rf "$tmp"
}

instrumented=0
if [ "${FUZZ_SYSTEM_LIBYAML:-0}" != 1 ]; then
  if [ ! -f "$libyaml/lib/libyaml.a" ]; then
    build_libyaml || { echo "fuzz: could not build libyaml from source; set FUZZ_SYSTEM_LIBYAML=1 to fuzz against the system library (no coverage inside libyaml)" >&2; exit 1; }
  fi
  # SwiftPM takes libyaml's link flags from pkg-config; this .pc puts the folder of the static,
  # instrumented archive first, so -lyaml resolves to it (the header stays the system one).
  mkdir -p "$libyaml/pkgconfig"
  printf 'Name: yaml\nDescription: libyaml %s built for fuzzing\nVersion: %s\nLibs: -L%s -lyaml\nCflags:\n' \
    "$(cat "$libyaml/VERSION")" "$(cat "$libyaml/VERSION" | sed 's/-.*//')" "$libyaml/lib" > "$libyaml/pkgconfig/yaml-0.1.pc"
  export PKG_CONFIG_PATH="$libyaml/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
  instrumented=1
fi

# --- build -----------------------------------------------------------------------------------------
# One product at a time: a plain `swift build` of the package would also link the govcheck CLI
# with the fuzzer runtime (two mains). The targets share every module, so later builds only link.
# Both sanitizer spellings are needed: --sanitize alone leaves the library modules without fuzzer
# coverage, -Xswiftc alone does not link the fuzzer runtime.
bin="$work/spm/$config/fuzz-$target"
echo "fuzz: building fuzz-$target ($config)"
status=0
swift build --package-path Fuzzing --scratch-path "$work/spm" -c "$config" --product "fuzz-$target" \
  --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer,address > "$work/build.log" 2>&1 || status=$?
if [ "$status" -ne 0 ] || [ ! -x "$bin" ]; then cat "$work/build.log" >&2; echo "fuzz: build failed" >&2; exit 1; fi
if [ "$instrumented" = 1 ] && ldd "$bin" | grep -q 'libyaml'; then
  echo "fuzz: $bin still links the shared libyaml; the instrumented archive was not used" >&2; exit 1
fi

# --- inputs ----------------------------------------------------------------------------------------
python3 scripts/fuzz-inputs.py --out "$work/seeds" >/dev/null
seeds="$work/seeds/$target"
findings="$work/findings/$target"
mkdir -p "$findings"
# Inputs larger than the seeds a target needs only slow it down: descriptors are under 6 KB, packs
# under 128 KB. Per-input time limits leave room for a loaded machine; a real hang runs past them.
case "$target" in
  yaml) timeout=10; maxlen=16384 ;;
  check) timeout=60; maxlen=16384 ;;
  pack) timeout=60; maxlen=131072 ;;
esac
opts=(-max_total_time="$seconds" -timeout="$timeout" -max_len="$maxlen" -rss_limit_mb=2048 -malloc_limit_mb=2048
      -dict="$root/Fuzzing/dict/$target.dict" -artifact_prefix="$findings/" -print_final_stats=1)
export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export LSAN_OPTIONS="suppressions=$root/Fuzzing/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
if [ "$seconds" = run ]; then
  opts=("${opts[@]:1}")
  "$bin" "${opts[@]}" "$@"
elif [ "${FUZZ_SMOKE:-0}" = 1 ]; then
  # A fixed seed and a throwaway output folder: the same run every time, nothing carried over.
  out="$(mktemp -d)"
  trap 'rm -rf "$out"' EXIT
  echo "fuzz: smoke run of fuzz-$target for ${seconds}s (seed 1)"
  "$bin" "${opts[@]}" -seed=1 "$@" "$out" "$seeds"
else
  corpus="$work/corpus/$target"
  mkdir -p "$corpus"
  echo "fuzz: fuzz-$target for ${seconds}s; corpus $corpus, findings $findings"
  "$bin" "${opts[@]}" "$@" "$corpus" "$seeds"
fi
