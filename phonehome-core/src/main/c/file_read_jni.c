/*
 * JNI side of org.phonehome.capture.NativeFileInput: reads a regular capture file straight into a Java array.
 *
 * FileInputStream reads into a native buffer and copies that into the array: every byte of a capture is copied
 * twice, and the second copy was a tenth of the reading thread's time. Here the kernel's copy is the only one.
 * The array is pinned (GetPrimitiveArrayCritical) for one read(2) of a regular file, which the page cache answers
 * without blocking for long; pipes and devices, which can block for as long as their writer waits, are refused at
 * open and read by FileInputStream instead.
 *
 * Bounds are checked on the Java side before every call. Errors come back as -errno.
 */
/* the XSI strerror_r, which fills the caller's buffer */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <jni.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* What open0 returns for a file that is not a regular file (never an errno). */
#define NOT_REGULAR (-100000)

/* path: the file name's bytes ending in a NUL. Returns the descriptor, NOT_REGULAR, or -errno. */
JNIEXPORT jint JNICALL Java_org_phonehome_capture_NativeFileInput_open0(JNIEnv *env, jclass cls, jbyteArray path) {
    (void) cls;
    jbyte *name = (*env)->GetByteArrayElements(env, path, NULL);
    if (name == NULL) {
        return -ENOMEM;
    }
    int fd;
    do {
        fd = open((const char *) name, O_RDONLY | O_CLOEXEC | O_NOCTTY);
    } while (fd < 0 && errno == EINTR);
    int err = errno;
    (*env)->ReleaseByteArrayElements(env, path, name, JNI_ABORT);
    if (fd < 0) {
        return -err;
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        err = errno;
        close(fd);
        return -err;
    }
    if (!S_ISREG(st.st_mode)) {
        close(fd);
        return NOT_REGULAR;
    }
    return fd;
}

/* Reads up to len bytes into b[off, off + len). Returns the bytes read (0 at the end of the file) or -errno. */
JNIEXPORT jint JNICALL Java_org_phonehome_capture_NativeFileInput_read0(JNIEnv *env, jclass cls, jint fd,
                                                                        jbyteArray b, jint off, jint len) {
    (void) cls;
    jbyte *array = (*env)->GetPrimitiveArrayCritical(env, b, NULL);
    if (array == NULL) {
        return -ENOMEM;
    }
    ssize_t n;
    do {
        n = read(fd, array + off, (size_t) len);
    } while (n < 0 && errno == EINTR);
    int err = errno;
    /* mode 0: the bytes written are kept (the array may have been a copy) */
    (*env)->ReleasePrimitiveArrayCritical(env, b, array, 0);
    return n < 0 ? -err : (jint) n;
}

/* Returns 0 or -errno. */
JNIEXPORT jint JNICALL Java_org_phonehome_capture_NativeFileInput_close0(JNIEnv *env, jclass cls, jint fd) {
    (void) env;
    (void) cls;
    return close(fd) == 0 ? 0 : -errno;
}

/* The system's text for an errno, for error messages. */
JNIEXPORT jstring JNICALL Java_org_phonehome_capture_NativeFileInput_describe0(JNIEnv *env, jclass cls, jint err) {
    (void) cls;
    char text[256];
    if (strerror_r(err, text, sizeof text) != 0 || text[0] == '\0') {
        return (*env)->NewStringUTF(env, "unknown error");
    }
    return (*env)->NewStringUTF(env, text);
}
