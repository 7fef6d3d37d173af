#!/bin/sh
# Builds the libdeflate JNI shim into the module's classes, from Maven (phonehome-core/pom.xml, process-classes):
#   build-native.sh SOURCE_DIR CLASSES_DIR JAVA_HOME OS_ARCH
# Without a C compiler or the JDK's headers it builds nothing and says so: phonehome then inflates with
# java.util.zip, as fast as before and to the same results on every body zlib can read.
src="$1"; classes="$2"; jdk="$3"; arch="$4"
out="$classes/org/phonehome/proto/http/native/linux-$arch"
cc="${CC:-cc}"
if [ "$(uname -s)" != Linux ]; then
  echo "phonehome: libdeflate shim not built (not Linux); inflating with java.util.zip"; exit 0
fi
if ! command -v "$cc" >/dev/null 2>&1; then
  echo "phonehome: libdeflate shim not built (no C compiler '$cc'); inflating with java.util.zip"; exit 0
fi
if [ ! -f "$jdk/include/jni.h" ]; then
  echo "phonehome: libdeflate shim not built (no $jdk/include/jni.h); inflating with java.util.zip"; exit 0
fi
mkdir -p "$out"
if ! "$cc" -O2 -shared -fPIC -Wall -Wextra -I"$jdk/include" -I"$jdk/include/linux" \
    -o "$out/libphonehome_libdeflate.so" "$src/libdeflate_jni.c" -ldl -lpthread; then
  rm -f "$out/libphonehome_libdeflate.so"
  echo "phonehome: libdeflate shim failed to build (see above); inflating with java.util.zip"
fi
