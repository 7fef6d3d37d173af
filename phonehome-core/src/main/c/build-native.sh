#!/bin/sh
# Builds phonehome's JNI shim into the module's classes, from Maven (phonehome-core/pom.xml, process-classes):
#   build-native.sh SOURCE_DIR CLASSES_DIR JAVA_HOME OS_ARCH
# One library, two jobs: inflating with the system's libdeflate (libdeflate_jni.c) and reading capture files
# straight into Java arrays (file_read_jni.c). Without a C compiler or the JDK's headers it builds nothing and
# says so: phonehome then inflates with java.util.zip and reads with FileInputStream, to the same results.
src="$1"; classes="$2"; jdk="$3"; arch="$4"
out="$classes/org/phonehome/native/linux-$arch"
cc="${CC:-cc}"
fallback="inflating with java.util.zip, reading with FileInputStream"
if [ "$(uname -s)" != Linux ]; then
  echo "phonehome: native shim not built (not Linux); $fallback"; exit 0
fi
if ! command -v "$cc" >/dev/null 2>&1; then
  echo "phonehome: native shim not built (no C compiler '$cc'); $fallback"; exit 0
fi
if [ ! -f "$jdk/include/jni.h" ]; then
  echo "phonehome: native shim not built (no $jdk/include/jni.h); $fallback"; exit 0
fi
mkdir -p "$out"
if ! "$cc" -O2 -shared -fPIC -Wall -Wextra -I"$jdk/include" -I"$jdk/include/linux" \
    -o "$out/libphonehome_native.so" "$src/libdeflate_jni.c" "$src/file_read_jni.c" -ldl -lpthread; then
  rm -f "$out/libphonehome_native.so"
  echo "phonehome: native shim failed to build (see above); $fallback"
fi
