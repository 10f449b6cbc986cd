#!/usr/bin/env bash
# Builds learnchain's self-contained release: a Java runtime made by jlink with just the modules the
# node needs (jdk.incubator.vector included), the runnable jar and a bin/learnchain launcher, packed
# as target/release/learnchain-VERSION-linux-ARCH.tar.gz. Unpacked anywhere, it runs without a JDK:
#   tar xzf learnchain-*.tar.gz && learnchain-*/bin/learnchain node --dev
# Usage (from anywhere): scripts/release.sh [--no-build] [--out DIR]
#   --no-build  use learnchain-cli/target/learnchain-all.jar as it is (CI builds it before)
#   --out DIR   where the archive goes (default: target/release under the repository)
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
# shellcheck source=scripts/find-jdk25.sh
. "$root/scripts/find-jdk25.sh"
learnchain_find_jdk25 || exit 1

build=1
out="$root/target/release"
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) build=0 ;;
    --out) out="$2"; shift ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "release.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done

jar="$root/learnchain-cli/target/learnchain-all.jar"
if [ "$build" = 1 ]; then
  "$root/mvnw" -q -B -f "$root/pom.xml" -DskipTests -pl learnchain-cli -am package
fi
[ -f "$jar" ] || { echo "release.sh: $jar is missing; run without --no-build" >&2; exit 1; }

version=$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' "$root/pom.xml" | head -n 1)
name="learnchain-$version-linux-$(uname -m)"
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
dir="$stage/$name"
mkdir -p "$dir/bin" "$dir/lib"

# The modules the jar uses (jdeps), plus the vector API (added at run time, so jdeps cannot see it).
modules=$("$JAVA_HOME/bin/jdeps" --multi-release 25 --ignore-missing-deps --print-module-deps \
  --add-modules jdk.incubator.vector "$jar" | tail -n 1)
modules="$modules,jdk.incubator.vector,jdk.crypto.ec,jdk.zipfs"
"$JAVA_HOME/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
  --compress zip-6 --output "$dir/runtime"
# The jar carries RocksDB's native library for 14 platforms (170 MB unpacked); the archive is for this
# one, so it keeps only this architecture's (glibc and musl).
case "$(uname -m)" in
  x86_64) keep='librocksdbjni-linux64(-musl)?\.so' ;;
  aarch64) keep='librocksdbjni-linux-aarch64(-musl)?\.so' ;;
  *) keep='librocksdbjni-.*' ;;
esac
unpacked="$stage/jar"
mkdir -p "$unpacked"
(cd "$unpacked" && "$JAVA_HOME/bin/jar" xf "$jar")
find "$unpacked" -maxdepth 1 -name 'librocksdbjni-*' | grep -Ev "/$keep\$" | xargs -r rm -f
"$JAVA_HOME/bin/jar" --create --file "$dir/lib/learnchain.jar" --manifest "$unpacked/META-INF/MANIFEST.MF" \
  -C "$unpacked" .
rm -rf "$unpacked"
cp "$root/README.md" "$dir/README.md"

cat > "$dir/bin/learnchain" <<'LAUNCHER'
#!/bin/sh
# learnchain from its release archive: runs the bundled Java runtime, so no JDK is needed.
# Extra JVM options: LEARNCHAIN_JAVA_OPTS="-Xmx4g" bin/learnchain ...
case "$0" in
  */*) bin=${0%/*} ;;
  *) bin=. ;;
esac
home=$(cd -P "$bin/.." && pwd -P)
# shellcheck disable=SC2086
exec "$home/runtime/bin/java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
  --sun-misc-unsafe-memory-access=allow -Xss4m ${LEARNCHAIN_JAVA_OPTS:-} -jar "$home/lib/learnchain.jar" "$@"
LAUNCHER
chmod +x "$dir/bin/learnchain"

mkdir -p "$out"
archive="$out/$name.tar.gz"
tar -C "$stage" -czf "$archive" "$name"
echo "release: $archive ($(du -h "$archive" | cut -f1); unpacked $(du -sh "$dir" | cut -f1), runtime $(du -sh "$dir/runtime" | cut -f1))"
echo "modules: $modules"
