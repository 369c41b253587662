#!/usr/bin/env bash
#
# Makes the release archive, TARGET/NAME-linux-x86_64.tar.gz, from the built project (run by the distribution
# module's `mvn package`, which passes these arguments and TOOLCHAIN_JAVA_HOME, the JDK the build uses):
#
#     make-archive.sh PROJECT_ROOT TARGET NAME JAVA_MODULES FILES_TIME
#
# The tree it packs, TARGET/NAME/, is what a user unpacks:
#     bin/        the launchers, as in the source tree (bin/lib/launch.sh, bin/jvm/*.options)
#     lib/        the programs' shaded jars and their start-up caches (made here, for jre/)
#     jre/        a Java runtime made by jlink with JAVA_MODULES only; the launchers prefer it
#     deploy/     the systemd unit and its environment file, the HAProxy configuration, a Containerfile, Kubernetes manifests
#     docs/       PROTOCOL.md, install.md
#     LICENSE, NOTICE, licenses/   what is shipped, under which licence
# The bench is not shipped: it compares the models from a source tree (it needs the modules' target/ jars, gcc,
# Python) and is no program to install.
#
# The start-up caches: each program is started once, from this tree, by its own launcher, on jre/, as its first
# run by a user would (the launcher records which classes it uses; the next start, here a --version, turns that
# into the cache, with the very JVM options the launcher passes). The jars get FILES_TIME as their modification
# time first: the JVM accepts a cache only for a jar of the time and size it was made from, and a container
# image gives every file one time.
set -euo pipefail

root=$(cd "$1" && pwd)
target=$(mkdir -p "$2" && cd "$2" && pwd)
name=$3
modules=$4
files_time=$5
jdk=${TOOLCHAIN_JAVA_HOME:?the JDK to jlink with, set by exec-maven-plugin from the toolchain}
stage=$target/$name
programs=(netty-server threaded-server netty-client)

fail() {
    echo "make-archive: $*" >&2
    exit 1
}

[[ -x $jdk/bin/jlink ]] || fail "no jlink in $jdk (a JDK 21 or newer is needed, not a JRE)."
# jlink takes the modules from the JDK's jmods/ or, where the JDK was built for it (JEP 493, Java 24+, as Temurin
# is), from its own run-time image. A JDK with neither (Debian's openjdk-21 without its openjdk-21-jmods package)
# can make no runtime: then no archive, said once, and the rest of the build goes on.
if [[ ! -d $jdk/jmods ]] && ! "$jdk/bin/jlink" --help 2>/dev/null | grep -q "Linking from run-time image enabled"; then
    echo "make-archive: no release archive: the JDK at $jdk has no jmods/ and cannot link from its run-time image (on Debian, install its openjdk-NN-jmods package)." >&2
    exit 0
fi
for program in "${programs[@]}"; do
    [[ -f $root/$program/target/$program.jar ]] || fail "$root/$program/target/$program.jar is missing; run mvn package in $root."
done

rm -rf "$stage"
mkdir -p "$stage/bin" "$stage/lib" "$stage/docs" "$stage/licenses"

# bin/: the launchers of the shipped programs, their shared logic and their JVM options.
for program in "${programs[@]}"; do
    cp -p "$root/bin/$program" "$stage/bin/"
    cp -p "$root/$program/target/$program.jar" "$stage/lib/"
done
mkdir -p "$stage/bin/lib" "$stage/bin/jvm"
cp -p "$root/bin/lib/launch.sh" "$stage/bin/lib/"
for program in "${programs[@]}"; do
    cp -p "$root/bin/jvm/$program.options" "$stage/bin/jvm/"
done
touch -d "$files_time" "$stage"/lib/*.jar

cp -rp "$root/deploy" "$stage/"
cp -p "$root/docs/PROTOCOL.md" "$root/docs/install.md" "$stage/docs/"

# licenses/: the texts inside each third-party jar (collected by maven-dependency-plugin into TARGET/third-party),
# and those the project keeps for the ones whose jars carry none.
for dir in "$target"/third-party/*/; do
    artifact=$(basename "$dir")
    if find "$dir" -type f | grep -q .; then
        mkdir -p "$stage/licenses/$artifact"
        find "$dir" -type f -exec cp -p {} "$stage/licenses/$artifact/" \;
    fi
done
# licenses/common/: the texts of the licences NOTICE names for libraries whose jars carry none.
mkdir -p "$stage/licenses/common"
cp -p "$target/third-party/netty-tcnative-boringssl-static-linux-x86_64-jar/META-INF/LICENSE.txt" "$stage/licenses/common/APACHE-2.0.txt"
cp -p "$target/epl-2.0/META-INF/LICENSE.md" "$stage/licenses/common/EPL-2.0.md"
cp -p "$root/distribution/src/main/legal/MIT.txt" "$stage/licenses/common/MIT.txt"
cp -p "$root/distribution/src/main/legal/LICENSE" "$root/distribution/src/main/legal/NOTICE" "$stage/"

# jre/: jlink from the JDK's own run-time image (JEP 493) or its jmods. Kept in TARGET/jlink by the JDK's release
# file and the options, so that a build without clean does not link again (about 15 s).
jlink_options=(--add-modules "$modules" --strip-debug --no-header-files --no-man-pages --generate-cds-archive)
key=$(printf '%s\n' "${jlink_options[@]}" | cat - "$jdk/release" | sha256sum | cut -c1-16)
linked=$target/jlink/$key
if [[ ! -x $linked/bin/java ]]; then
    rm -rf "$target/jlink"
    mkdir -p "$target/jlink"
    "$jdk/bin/jlink" "${jlink_options[@]}" --output "$linked" >/dev/null
    # legal/ holds symbolic links between modules' identical notices: made plain files, so that every packer
    # (tar, Jib's layers) carries the texts themselves.
    find "$linked/legal" -type l | while IFS= read -r link; do
        cp --remove-destination "$(readlink -f "$link")" "$link"
    done
fi
cp -a "$linked" "$stage/jre"
major=$("$stage/jre/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')

# The start-up caches: a first run of each program from this tree, then a --version run, which makes the cache.
training=$target/training
rm -rf "$training"
mkdir -p "$training"
# (env execs the launcher, which execs the JVM: $! is the JVM's pid.)
environment=(env -i PATH=/usr/bin:/bin HOME="$training")
# train SERVER_PROGRAM ARGS...: starts it on a free loopback port, runs one client session against it, stops it.
train() {
    local program=$1 log=$training/$1.log port='' pid
    shift
    : >"$log" # made here: the background job opens it in its own time
    "${environment[@]}" "$stage/bin/$program" "$@" --host 127.0.0.1 --port 0 >"$log" 2>&1 &
    pid=$!
    for _ in $(seq 300); do
        port=$(sed -n 's/.*Listening on [^ ]*:\([0-9][0-9]*\).*/\1/p' "$log")
        [[ -n $port ]] && break
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    [[ -n $port ]] || { kill "$pid" 2>/dev/null; cat "$log" >&2; fail "$program did not start."; }
    "${environment[@]}" timeout 60 "$stage/bin/netty-client" --host 127.0.0.1 --port "$port" >>"$training/netty-client.log" 2>&1 \
        || { kill "$pid"; cat "$training/netty-client.log" >&2; fail "a session with $program failed."; }
    kill -TERM "$pid"
    for _ in $(seq 300); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
        kill -KILL "$pid"
        fail "$program did not stop within 30 s of SIGTERM."
    fi
    wait "$pid" || fail "$program did not stop cleanly: $(cat "$log")"
}
train netty-server
train threaded-server --model pool
for program in "${programs[@]}"; do
    "${environment[@]}" "$stage/bin/$program" --version >"$training/$program.version" 2>&1 || fail "$program --version failed: $(cat "$training/$program.version")"
    if (( major >= 25 )); then cache=$stage/lib/$program.jdk$major.aot; else cache=$stage/lib/$program.jdk$major.jsa; fi
    [[ -s $cache ]] || fail "no start-up cache for $program ($cache)."
done
rm -f "$stage"/lib/*.conf "$stage"/lib/*.part

# (Jib, making the image from this tree, also reads the module's own classes, none, and fails without the directory.)
mkdir -p "$target/classes"

tar -C "$target" --owner=0 --group=0 --numeric-owner -czf "$target/$name-linux-x86_64.tar.gz.part" "$name"
mv -f "$target/$name-linux-x86_64.tar.gz.part" "$target/$name-linux-x86_64.tar.gz"
echo "make-archive: $target/$name-linux-x86_64.tar.gz ($(du -m "$target/$name-linux-x86_64.tar.gz" | cut -f1) MB, Java $major)"
