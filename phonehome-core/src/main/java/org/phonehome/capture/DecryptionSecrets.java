package org.phonehome.capture;

/**
 * The payload of a pcapng Decryption Secrets Block, kept for TLS decryption.
 *
 * @param secretsType the block's secrets type (0x544c534b "TLSK" for an NSS key log)
 * @param data        the secrets bytes exactly as stored
 */
public record DecryptionSecrets(int secretsType, byte[] data) {
    /** Secrets type of an NSS TLS key log ("TLSK"). */
    public static final int TLS_KEY_LOG = 0x544c534b;
}
