/*
 * JNI shim between org.phonehome.proto.http.Libdeflate and the system's libdeflate (whole-buffer DEFLATE,
 * zlib and gzip decompression, about twice as fast as zlib's inflate).
 *
 * libdeflate is opened with dlopen, not linked, so that building needs only a C compiler and the JDK's headers,
 * and a machine without libdeflate still loads this shim and is told so (the Java side then keeps java.util.zip).
 * The prototypes are libdeflate's public API (libdeflate.h, stable since 1.0; the _ex functions since 1.5).
 *
 * Bounds are checked on the Java side before every call; arrays are read and written in place (no copies).
 */
#include <dlfcn.h>
#include <jni.h>
#include <pthread.h>
#include <stddef.h>

struct libdeflate_decompressor;

typedef struct libdeflate_decompressor *(*alloc_fn)(void);
typedef void (*free_fn)(struct libdeflate_decompressor *);
typedef int (*decompress_ex_fn)(struct libdeflate_decompressor *, const void *, size_t, void *, size_t, size_t *,
                                size_t *);

static alloc_fn alloc_decompressor;
static free_fn free_decompressor;
/* indexed by Libdeflate.Format's ordinal: DEFLATE (raw, RFC 1951), ZLIB (RFC 1950), GZIP (RFC 1952) */
static decompress_ex_fn decompress[3];
/* a decompressor is not thread-safe: one per thread, freed when the thread ends */
static pthread_key_t decompressor_key;

static void free_at_thread_end(void *d) {
    free_decompressor((struct libdeflate_decompressor *) d);
}

/* Returns NULL when libdeflate is ready, else why it is not (phonehome --version shows it). */
JNIEXPORT jstring JNICALL Java_org_phonehome_proto_http_Libdeflate_open(JNIEnv *env, jclass cls) {
    (void) cls;
    void *lib = dlopen("libdeflate.so.0", RTLD_NOW | RTLD_LOCAL);
    if (lib == NULL) {
        lib = dlopen("libdeflate.so", RTLD_NOW | RTLD_LOCAL);
    }
    if (lib == NULL) {
        return (*env)->NewStringUTF(env, "libdeflate.so.0 was not found (Debian: apt-get install libdeflate0)");
    }
    alloc_decompressor = (alloc_fn) dlsym(lib, "libdeflate_alloc_decompressor");
    free_decompressor = (free_fn) dlsym(lib, "libdeflate_free_decompressor");
    decompress[0] = (decompress_ex_fn) dlsym(lib, "libdeflate_deflate_decompress_ex");
    decompress[1] = (decompress_ex_fn) dlsym(lib, "libdeflate_zlib_decompress_ex");
    decompress[2] = (decompress_ex_fn) dlsym(lib, "libdeflate_gzip_decompress_ex");
    if (alloc_decompressor == NULL || free_decompressor == NULL || decompress[0] == NULL || decompress[1] == NULL
            || decompress[2] == NULL) {
        return (*env)->NewStringUTF(env, "libdeflate 1.5 or newer is needed (this one lacks the _ex functions)");
    }
    if (pthread_key_create(&decompressor_key, free_at_thread_end) != 0) {
        return (*env)->NewStringUTF(env, "no thread-local slot for the decompressors");
    }
    return NULL;
}

/*
 * Decompresses in[inOff, inOff + inLen) of the given format into out[outOff, outOff + outLen).
 * Returns (bytes consumed << 32) | bytes written, or the negated libdeflate result (1 bad data, 3 insufficient
 * space), or -100 when no decompressor or array could be had.
 */
JNIEXPORT jlong JNICALL Java_org_phonehome_proto_http_Libdeflate_decompress(JNIEnv *env, jclass cls, jint format,
        jbyteArray in, jint inOff, jint inLen, jbyteArray out, jint outOff, jint outLen) {
    (void) cls;
    struct libdeflate_decompressor *d = pthread_getspecific(decompressor_key);
    if (d == NULL) {
        d = alloc_decompressor();
        if (d == NULL || pthread_setspecific(decompressor_key, d) != 0) {
            if (d != NULL) {
                free_decompressor(d);
            }
            return -100;
        }
    }
    jbyte *src = (*env)->GetPrimitiveArrayCritical(env, in, NULL);
    if (src == NULL) {
        return -100;
    }
    jbyte *dst = (*env)->GetPrimitiveArrayCritical(env, out, NULL);
    if (dst == NULL) {
        (*env)->ReleasePrimitiveArrayCritical(env, in, src, JNI_ABORT);
        return -100;
    }
    size_t consumed = 0;
    size_t written = 0;
    int result = decompress[format](d, src + inOff, (size_t) inLen, dst + outOff, (size_t) outLen, &consumed,
                                    &written);
    (*env)->ReleasePrimitiveArrayCritical(env, out, dst, 0);
    (*env)->ReleasePrimitiveArrayCritical(env, in, src, JNI_ABORT);
    if (result != 0) {
        return -(jlong) result;
    }
    return ((jlong) consumed << 32) | (jlong) written;
}
