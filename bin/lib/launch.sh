# shellcheck shell=bash
#
# Shared launcher logic for the scripts in bin/ (sourced, not executed).
#
# A script sources this file and calls
#     listlines_launch NAME JAR_PATH_RELATIVE_TO_PROJECT_ROOT "$@"
# which checks that the jar exists, finds a Java 21 or newer and execs
#     "$java" $LISTLINES_JAVA_OPTS -jar "$jar" "$@"
# so the JVM replaces the shell and receives SIGINT/SIGTERM itself.
#
# Environment:
#   JAVA_HOME            tried first, if its bin/java is Java 21+.
#   LISTLINES_JAVA_OPTS  extra JVM flags, split on whitespace (no quoting
#                        inside it), e.g. LISTLINES_JAVA_OPTS="-Xmx512m -XX:+UseZGC".
#   LISTLINES_JVM_DIR    directory whose */bin/java are scanned last, newest
#                        first (default /usr/lib/jvm); mainly for testing.

LISTLINES_MIN_JAVA=21

# The project root: the parent of bin/, found from this file's own location
# (the calling script has already resolved its symlinks before sourcing us).
LISTLINES_ROOT=$(cd -P "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

# Prints the major version of the java binary $1 (8 for "1.8.0_402", 21 for
# "21.0.2", 25 for "25-ea"), or nothing if it cannot be determined.
listlines_java_major() {
    local java=$1 out ver=
    [[ -x $java && ! -d $java ]] || return 0
    out=$("$java" -XshowSettings:properties -version 2>&1 </dev/null) || true
    if [[ $out =~ java\.specification\.version\ *=\ *([0-9][0-9.]*) ]]; then
        ver=${BASH_REMATCH[1]}
    else
        out=$("$java" -version 2>&1 </dev/null) || true
        if [[ $out =~ version\ \"([0-9][^\"]*)\" ]]; then
            ver=${BASH_REMATCH[1]}
        fi
    fi
    [[ $ver == 1.* ]] && ver=${ver#1.}     # "1.8" style: the major is the second part
    ver=${ver%%[!0-9]*}
    if [[ -n $ver ]]; then printf '%s\n' "$ver"; fi
}

# Sets LISTLINES_JAVA to the first Java 21+ of: $JAVA_HOME/bin/java, java on
# PATH, the newest $LISTLINES_JVM_DIR/*/bin/java. Returns 1 if there is none,
# with LISTLINES_JAVA_SEEN describing the Javas that were found instead.
listlines_find_java() {
    local candidate major best='' best_major=0 real seen_real=' ' bad_home=''
    local -a seen=()
    LISTLINES_JAVA=
    LISTLINES_JAVA_SEEN=

    if [[ -n ${JAVA_HOME:-} ]]; then
        candidate=$JAVA_HOME/bin/java
        major=$(listlines_java_major "$candidate")
        if [[ -n $major ]] && (( major >= LISTLINES_MIN_JAVA )); then
            LISTLINES_JAVA=$candidate
            return 0
        elif [[ -n $major ]]; then
            seen+=("Java $major at $candidate (JAVA_HOME)")
        else
            bad_home="no working java in JAVA_HOME=$JAVA_HOME"
        fi
    fi

    if candidate=$(command -v java 2>/dev/null) && [[ -n $candidate ]]; then
        major=$(listlines_java_major "$candidate")
        if [[ -n $major ]] && (( major >= LISTLINES_MIN_JAVA )); then
            LISTLINES_JAVA=$candidate
            return 0
        elif [[ -n $major ]]; then
            seen+=("Java $major at $candidate (on PATH)")
        fi
    fi

    local jvm_dir=${LISTLINES_JVM_DIR:-/usr/lib/jvm}
    for candidate in "$jvm_dir"/*/bin/java; do
        [[ -x $candidate ]] || continue
        # Skip aliases (e.g. java-1.17.0-openjdk-amd64 -> java-17-openjdk-amd64).
        real=$(cd -P "$(dirname "$candidate")" && pwd)/java
        [[ $seen_real == *" $real "* ]] && continue
        seen_real+="$real "
        major=$(listlines_java_major "$candidate")
        [[ -n $major ]] || continue
        if (( major >= LISTLINES_MIN_JAVA && major > best_major )); then
            best=$candidate
            best_major=$major
        elif (( major < LISTLINES_MIN_JAVA )); then
            seen+=("Java $major at $candidate")
        fi
    done
    if [[ -n $best ]]; then
        LISTLINES_JAVA=$best
        return 0
    fi

    if (( ${#seen[@]} == 0 )); then
        LISTLINES_JAVA_SEEN="no Java at all (${bad_home:-JAVA_HOME unset}, no java on PATH, none in $jvm_dir)"
    else
        local item text=''
        for item in "${seen[@]}"; do
            text+=${text:+, }$item
        done
        LISTLINES_JAVA_SEEN="only $text${bad_home:+, and $bad_home}"
    fi
    return 1
}

# listlines_launch NAME JAR [ARGS...]: execs the jar (relative to the project
# root) on a Java 21+, or explains on stderr what is missing and exits 1.
listlines_launch() {
    local name=$1 jar=$LISTLINES_ROOT/$2
    shift 2

    if [[ ! -f $jar ]]; then
        echo "$name: $jar does not exist; build it by running 'mvn -q package -DskipTests' in $LISTLINES_ROOT (cd '$LISTLINES_ROOT' && mvn -q package -DskipTests)." >&2
        exit 1
    fi

    if ! listlines_find_java; then
        echo "$name: needs Java $LISTLINES_MIN_JAVA or newer but found $LISTLINES_JAVA_SEEN; install one (e.g. 'apt-get install openjdk-21-jdk-headless' where your distribution has it, or Eclipse Temurin 21+ from https://adoptium.net) and/or set JAVA_HOME to its directory." >&2
        exit 1
    fi

    # LISTLINES_JAVA_OPTS is split on whitespace on purpose; globbing is turned
    # off so that an option such as -Dx=* reaches the JVM literally.
    set -f
    # shellcheck disable=SC2086
    exec "$LISTLINES_JAVA" ${LISTLINES_JAVA_OPTS:-} -jar "$jar" "$@"
}
