# shellcheck shell=bash
#
# Shared launcher logic for the scripts in bin/ (sourced, not executed).
#
# A script sources this file and calls
#     listlines_launch NAME JAR_PATH_RELATIVE_TO_PROJECT_ROOT "$@"
# which checks that the jar exists (in a source tree at that path, e.g.
# netty-server/target/netty-server.jar; in the release archive, which has no
# such path, as lib/netty-server.jar), finds a Java 21 or newer and execs
#     "$java" OPTIONS $LISTLINES_JAVA_OPTS -jar "$jar" "$@"
# where OPTIONS are the program's own, from bin/jvm/NAME.options (read it: each
# is explained there; a line may apply only when the program is given a flag),
# and its class-data cache (listlines_class_cache).
# so the JVM replaces the shell and receives SIGINT/SIGTERM itself.
#
# Java: the release archive's own runtime (ROOT/jre, made by jlink, which its
# class-data caches were made for) when there is one, else JAVA_HOME, java on
# PATH, /usr/lib/jvm; see listlines_find_java.
#
# Environment:
#   JAVA_HOME            tried first (after the archive's jre/), if its bin/java is Java 21+.
#   LISTLINES_JAVA_OPTS  extra JVM flags after the program's own, so they win;
#                        split on whitespace (no quoting inside it), e.g.
#                        LISTLINES_JAVA_OPTS="-Xmx512m -XX:+UseZGC".
#   LISTLINES_AOT        "off": no class-data cache (see listlines_class_cache).
#   LISTLINES_JVM_DIR    directory whose */bin/java are scanned last, newest
#                        first (default /usr/lib/jvm); mainly for testing.

LISTLINES_MIN_JAVA=21

# The project root: the parent of bin/, found from this file's own location
# (the calling script has already resolved its symlinks before sourcing us).
LISTLINES_ROOT=$(cd -P "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

# Prints the major version of the java binary $1 (8 for "1.8.0_402", 21 for
# "21.0.2", 25 for "25-ea"), or nothing if it cannot be determined. Reads the
# JDK's own "release" file (JAVA_VERSION="25.0.1") beside bin/, as a file, so
# learning a version costs no JVM start; only a java without one is started.
listlines_java_major() {
    local java=$1 out ver= home line
    [[ -x $java && ! -d $java ]] || return 0
    home=$(cd -P "$(dirname "$(readlink -f "$java")")/.." 2>/dev/null && pwd) || home=
    if [[ -n $home && -r $home/release ]]; then
        while IFS= read -r line; do
            if [[ $line =~ ^JAVA_VERSION=\"([0-9][^\"]*)\" ]]; then
                ver=${BASH_REMATCH[1]}
                break
            fi
        done <"$home/release"
    fi
    if [[ -z $ver ]]; then
        out=$("$java" -XshowSettings:properties -version 2>&1 </dev/null) || true
        if [[ $out =~ java\.specification\.version\ *=\ *([0-9][0-9.]*) ]]; then
            ver=${BASH_REMATCH[1]}
        else
            out=$("$java" -version 2>&1 </dev/null) || true
            if [[ $out =~ version\ \"([0-9][^\"]*)\" ]]; then
                ver=${BASH_REMATCH[1]}
            fi
        fi
    fi
    [[ $ver == 1.* ]] && ver=${ver#1.}     # "1.8" style: the major is the second part
    ver=${ver%%[!0-9]*}
    if [[ -n $ver ]]; then printf '%s\n' "$ver"; fi
}

# Prints, one per line, the options of bin/jvm/NAME.options ($1) that apply to
# Java major $2 and to the program's own arguments (the rest): blank lines and
# '#' comments skipped; "[--FLAG] OPT" kept only when --FLAG (or --FLAG=...) is
# among the arguments, so that a setting can follow what the program is asked
# to do (a heap with room for TLS engines); then "N-:OPT" kept from Java N on,
# "N:OPT" only on Java N, anything else always. A later option wins in the JVM,
# so a conditional line after the general one overrides it.
listlines_jvm_options() {
    local file=$LISTLINES_ROOT/bin/jvm/$1.options major=$2 line flag arg given
    shift 2
    [[ -r $file ]] || return 0
    while IFS= read -r line || [[ -n $line ]]; do
        line=${line%%#*}
        line=${line#"${line%%[![:space:]]*}"}
        line=${line%"${line##*[![:space:]]}"}
        [[ -n $line ]] || continue
        if [[ $line =~ ^\[(-[-A-Za-z0-9]+)\][[:space:]]+(.+)$ ]]; then
            flag=${BASH_REMATCH[1]}
            line=${BASH_REMATCH[2]}
            given=
            for arg in "$@"; do
                if [[ $arg == "$flag" || $arg == "$flag="* ]]; then
                    given=yes
                    break
                fi
            done
            [[ -n $given ]] || continue
        fi
        if [[ $line =~ ^([0-9]+)-:(.+)$ ]]; then
            (( major >= BASH_REMATCH[1] )) && printf '%s\n' "${BASH_REMATCH[2]}"
        elif [[ $line =~ ^([0-9]+):(.+)$ ]]; then
            (( major == BASH_REMATCH[1] )) && printf '%s\n' "${BASH_REMATCH[2]}"
        else
            printf '%s\n' "$line"
        fi
    done <"$file"
    return 0
}

# Prints the JVM options that use (or, the first time, make) this program's
# class-data cache beside its jar, so later starts skip most class loading and
# linking. On Java 25+ an ahead-of-time cache (JEP 483/514) in two steps: the
# first run after a build records which classes it used (written when it exits,
# under a name with its pid until the next launch sees it gone); the next launch
# turns that record into the cache (about a second, once, its output kept out of
# the program's); later ones use it. The JVM's own aot/cds messages go to
# stderr, errors only, and so does the line the recording run prints on exit, so
# that stdout stays the program's. (Java 25's one-step -XX:AOTCacheOutput was
# tried: its exit forks a JVM that prints some 200 lines on stdout, and dies, the
# cache unmade, when stdout is a closed pipe.) On 21-24 a dynamic CDS archive.
# Nothing when LISTLINES_AOT=off or the jar's directory is not writable. $1 jar,
# $2 Java major, $3 the java to make the cache with, then the program's JVM
# options (the cache is made with them: its collector and object layout must
# match). A cache older than its jar is made again (one of the same time is
# current: an image gives every file one time). In a directory this user
# cannot write (an installed release archive, an image) a cache that is there,
# made when the archive was built, is used as it is (the JVM checks that it was
# made from this jar and this Java) and none is made. A run for --help or
# --version ($LISTLINES_AOT_RECORD=no) uses a cache but records none: it loads
# too few of the program's classes to make a cache worth having.
listlines_class_cache() {
    local jar=$1 major=$2 java=$3 dir base cache conf part pid
    shift 3
    [[ ${LISTLINES_AOT:-on} != off ]] || return 0
    dir=$(dirname "$jar")
    base=$(basename "$jar" .jar)
    if [[ ! -w $dir ]]; then
        if (( major >= 25 )) && [[ -f $dir/$base.jdk$major.aot ]]; then
            printf '%s\n' "-Xlog:aot*=off,cds*=off" "-Xlog:aot*=error,cds*=error:stderr" "-XX:AOTCache=$dir/$base.jdk$major.aot"
        elif (( major < 25 )) && [[ -f $dir/$base.jdk$major.jsa ]]; then
            printf '%s\n' "-Xlog:cds*=off" "-Xlog:cds*=error:stderr" "-XX:SharedArchiveFile=$dir/$base.jdk$major.jsa"
        fi
        return 0
    fi
    if (( major >= 25 )); then
        printf '%s\n' "-Xlog:aot*=off,cds*=off" "-Xlog:aot*=error,cds*=error:stderr"
        cache=$dir/$base.jdk$major.aot
        conf=$cache.conf
        for part in "$conf".*.part "$cache".*.part "$cache".*.part.config; do
            [[ -f $part ]] || continue
            pid=${part%.config}
            pid=${pid%.part}
            pid=${pid##*.}
            kill -0 "$pid" 2>/dev/null && continue
            if [[ $part == "$conf".*.part && -s $part && $part -nt $jar ]]; then mv -f "$part" "$conf"; else rm -f "$part"; fi
        done
        if [[ ! ( -f $cache && ! $jar -nt $cache ) && -f $conf && $conf -nt $jar ]]; then
            part=$cache.$$.part
            if "$java" "$@" -Xlog:aot*=off,cds*=off -XX:AOTMode=create "-XX:AOTConfiguration=$conf" \
                "-XX:AOTCache=$part" -cp "$jar" >/dev/null 2>&1 && [[ -s $part ]]; then
                mv -f "$part" "$cache"
            else
                rm -f "$part"
            fi
            rm -f "$conf"
        fi
        if [[ -f $cache && ! $jar -nt $cache ]]; then
            printf '%s\n' "-XX:AOTCache=$cache"
        elif [[ ${LISTLINES_AOT_RECORD:-yes} != no ]] && ! compgen -G "$conf.*.part" >/dev/null; then
            rm -f "$cache" "$conf"
            printf '%s\n' "-XX:AOTMode=record" "-XX:AOTConfiguration=$conf.$$.part" "-XX:+DisplayVMOutputToStderr"
        fi
    else
        # (Java 21-24 have no aot log tag: naming it would stop the JVM.)
        printf '%s\n' "-Xlog:cds*=off" "-Xlog:cds*=error:stderr"
        cache=$dir/$base.jdk$major.jsa
        [[ -f $cache && $jar -nt $cache ]] && rm -f "$cache"
        [[ -f $cache || ${LISTLINES_AOT_RECORD:-yes} != no ]] || return 0
        printf '%s\n' "-XX:+AutoCreateSharedArchive" "-XX:SharedArchiveFile=$cache"
    fi
}

# listlines_try_java CANDIDATE WHERE: sets LISTLINES_JAVA to CANDIDATE if it is
# a Java 21+ (status 0); else adds "Java N at CANDIDATE (WHERE)" to the caller's
# seen array (status 1), or, if it is no working java, status 2.
listlines_try_java() {
    local major
    major=$(listlines_java_major "$1")
    [[ -n $major ]] || return 2
    if (( major >= LISTLINES_MIN_JAVA )); then
        LISTLINES_JAVA=$1
        return 0
    fi
    seen+=("Java $major at $1 ($2)")
    return 1
}

# Sets LISTLINES_JAVA to the first Java 21+ of: the release archive's own
# $LISTLINES_ROOT/jre/bin/java, $JAVA_HOME/bin/java, java on PATH, the newest
# $LISTLINES_JVM_DIR/*/bin/java. Returns 1 if there is none,
# with LISTLINES_JAVA_SEEN describing the Javas that were found instead.
listlines_find_java() {
    local candidate major best='' best_major=0 real seen_real=' ' bad_home=''
    local -a seen=()
    LISTLINES_JAVA=
    LISTLINES_JAVA_SEEN=

    if [[ -x $LISTLINES_ROOT/jre/bin/java ]]; then
        listlines_try_java "$LISTLINES_ROOT/jre/bin/java" "this archive's own" && return 0
    fi
    if [[ -n ${JAVA_HOME:-} ]]; then
        listlines_try_java "$JAVA_HOME/bin/java" JAVA_HOME && return 0
        (( $? == 2 )) && bad_home="no working java in JAVA_HOME=$JAVA_HOME"
    fi
    if candidate=$(command -v java 2>/dev/null) && [[ -n $candidate ]]; then
        listlines_try_java "$candidate" "on PATH" && return 0
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
    # the release archive's layout: every jar in lib/
    if [[ ! -f $jar && -f $LISTLINES_ROOT/lib/${jar##*/} ]]; then
        jar=$LISTLINES_ROOT/lib/${jar##*/}
    fi

    if [[ ! -f $jar ]]; then
        echo "$name: $jar does not exist; build it by running 'mvn -q package -DskipTests' in $LISTLINES_ROOT (cd '$LISTLINES_ROOT' && mvn -q package -DskipTests)." >&2
        exit 1
    fi

    if ! listlines_find_java; then
        echo "$name: needs Java $LISTLINES_MIN_JAVA or newer but found $LISTLINES_JAVA_SEEN; install one (e.g. 'apt-get install openjdk-21-jdk-headless' where your distribution has it, or Eclipse Temurin 21+ from https://adoptium.net) and/or set JAVA_HOME to its directory." >&2
        exit 1
    fi

    local major
    local -a options=()
    major=$(listlines_java_major "$LISTLINES_JAVA")
    mapfile -t options < <(listlines_jvm_options "$name" "$major" "$@")
    local arg record=yes
    for arg in "$@"; do
        case $arg in -h | --help | -V | --version | help) record=no ;; esac
    done
    mapfile -t -O "${#options[@]}" options < <(LISTLINES_AOT_RECORD=$record listlines_class_cache "$jar" "$major" "$LISTLINES_JAVA" "${options[@]}")

    # The program's own options first, LISTLINES_JAVA_OPTS after (the JVM takes
    # the last of a repeated option, so the user's win). LISTLINES_JAVA_OPTS is
    # split on whitespace on purpose; globbing is turned off so that an option
    # such as -Dx=* reaches the JVM literally.
    set -f
    # shellcheck disable=SC2086
    exec "$LISTLINES_JAVA" "${options[@]}" ${LISTLINES_JAVA_OPTS:-} -jar "$jar" "$@"
}
