# Sourced by ./mvnw, ./learnchain and .ci/run. Sets JAVA_HOME to a JDK whose feature version is
# 25 or newer, looking at JAVA_HOME, the java on PATH and the usual install folders, in that order.
# Prints what to install and returns 1 when there is none.

learnchain_jdk_feature() {
  # $1 = a JDK home; prints its feature version (e.g. 25) or nothing
  local home="$1" v=""
  [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 0
  if [ -f "$home/release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release" | head -n 1)
  fi
  if [ -z "$v" ]; then
    v=$("$home/bin/java" -XshowSettings:properties -version 2>&1 \
        | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p' | head -n 1)
  fi
  printf '%s' "$v"
}

learnchain_find_jdk25() {
  local min=25 candidate v
  local candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for candidate in /usr/lib/jvm/* /opt/java/* /opt/jdk* /usr/local/jdk* /usr/java/* \
                   "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* \
                   /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$candidate" ] && candidates+=("$candidate")
  done
  for candidate in "${candidates[@]}"; do
    v=$(learnchain_jdk_feature "$candidate")
    if [ -n "$v" ] && [ "$v" -ge "$min" ] 2>/dev/null; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  done
  cat >&2 <<MSG
learnchain needs a JDK ${min} or newer and found none.
Looked at JAVA_HOME (${JAVA_HOME:-unset}), the java on PATH and /usr/lib/jvm, /opt, ~/.sdkman, ~/.jdks.
Install one (for example Eclipse Temurin 25 from https://adoptium.net, or 'sdk install java 25-tem'),
then run again, or point JAVA_HOME at it.
MSG
  return 1
}
