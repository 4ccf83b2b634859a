package org.lianxin.scheduler.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Values kept encrypted at rest (full ID and phone numbers of case files, webhook signing secrets): AES-256-GCM with a
 * random 96-bit nonce per value, the key's id stored with the value so that keys can rotate. A sealed value reads
 * {@code lxc1:<key id>:<base64url(nonce ‖ ciphertext ‖ tag)>}; the prefix tells a sealed value from a plain one.
 *
 * <p>A cipher holds a key ring: the first key seals, every key opens (rotation: put a new key first, keep the old
 * ones after it until every value was sealed again). Each use has its own <em>purpose</em> ({@link #forPurpose}): the
 * AES key is derived from the ring's master key with HKDF-SHA-256 (RFC 5869, info = the purpose), so a case's ID number
 * and a webhook secret are never under the same AES key, and the purpose and the caller's {@code context} (e.g. which
 * field) are bound into the tag as associated data: a value copied to another field or purpose does not open.
 *
 * <p>Lives in the scheduler module (which owns case files) because the webhooks module already depends on it and the
 * web app wires both; it depends on nothing but the JDK. Never logs; {@link #toString} names key ids only.
 */
public final class PersonalDataCipher {
    /** What every sealed value starts with. */
    public static final String PREFIX = "lxc1:";
    /** The length of a master key, in bytes. */
    public static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String purpose;
    private final String currentId;
    /** Key id → the AES key of this purpose; in ring order, the current key first. */
    private final Map<String, SecretKeySpec> keys;
    /** The ring's master keys, kept only to derive other purposes' keys. */
    private final List<byte[]> masters;

    private PersonalDataCipher(String purpose, List<byte[]> masters) {
        this.purpose = purpose;
        this.masters = masters;
        this.currentId = keyId(masters.get(0));
        this.keys = derive(masters, purpose);
    }

    /**
     * A ring of master keys of {@value #KEY_BYTES} bytes each: the first seals, all open.
     *
     * @throws IllegalArgumentException if there is no key, one has another length, or two are equal
     */
    public static PersonalDataCipher ofKeys(List<byte[]> masterKeys) {
        if (masterKeys == null || masterKeys.isEmpty()) throw new IllegalArgumentException("no key");
        List<byte[]> copies = new ArrayList<>();
        for (byte[] k : masterKeys) {
            if (k == null || k.length != KEY_BYTES) {
                throw new IllegalArgumentException("a key has " + KEY_BYTES + " bytes");
            }
            copies.add(k.clone());
        }
        PersonalDataCipher ring = new PersonalDataCipher("", List.copyOf(copies));
        if (ring.keys.size() != copies.size()) throw new IllegalArgumentException("the same key is in the ring twice");
        return ring;
    }

    /** This ring for another purpose (e.g. {@code "case-personal-data"}, {@code "webhook-secret"}). */
    public PersonalDataCipher forPurpose(String newPurpose) {
        if (newPurpose == null || newPurpose.isBlank()) {
            throw new IllegalArgumentException("a purpose is required");
        }
        return new PersonalDataCipher(newPurpose, masters);
    }

    /** The id of the key that seals: 8 hex digits of a hash of the master key (the key cannot be found from it). */
    public String currentKeyId() {
        return currentId;
    }

    /** Whether {@code value} is a sealed value (of any key). */
    public static boolean isSealed(String value) {
        return value != null && value.startsWith(PREFIX);
    }

    /** The id of the key that sealed {@code sealed}, or {@code null} if it is not a sealed value. */
    public static String keyIdOf(String sealed) {
        if (!isSealed(sealed)) return null;
        int end = sealed.indexOf(':', PREFIX.length());
        return end < 0 ? null : sealed.substring(PREFIX.length(), end);
    }

    /** {@code plain} sealed under the current key, bound to {@code context}; {@code null} stays {@code null}. */
    public String seal(String plain, String context) {
        if (plain == null) return null;
        requirePurpose();
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, keys.get(currentId), new GCMParameterSpec(TAG_BITS, nonce));
            aes.updateAAD(aad(currentId, context));
            byte[] sealed = aes.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
            return PREFIX + currentId + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /**
     * The plain value of {@code sealed}, sealed with this purpose and {@code context}; {@code null} stays {@code null}.
     *
     * @throws Unreadable if it is not a sealed value, its key is not in the ring, or it was changed (or sealed for
     *                    another purpose or context); the message never holds the value
     */
    public String open(String sealed, String context) {
        if (sealed == null) return null;
        requirePurpose();
        String keyId = keyIdOf(sealed);
        if (keyId == null) throw new Unreadable("not a sealed value");
        SecretKeySpec key = keys.get(keyId);
        if (key == null) throw new Unreadable("sealed with key " + keyId + ", which is not in the key ring " + keys.keySet());
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(sealed.substring(PREFIX.length() + keyId.length() + 1));
        } catch (IllegalArgumentException e) {
            throw new Unreadable("a sealed value of key " + keyId + " is not base64url");
        }
        if (raw.length < NONCE_BYTES + TAG_BITS / 8) throw new Unreadable("a sealed value of key " + keyId + " is too short");
        try {
            Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, raw, 0, NONCE_BYTES));
            aes.updateAAD(aad(keyId, context));
            return new String(aes.doFinal(raw, NONCE_BYTES, raw.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new Unreadable("a sealed value of key " + keyId + " fails authentication (changed, or sealed for "
                    + "another purpose or field)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /** Whether {@code sealed} was sealed with a key other than the current one (to be sealed again). */
    public boolean needsResealing(String sealed) {
        return isSealed(sealed) && !currentId.equals(keyIdOf(sealed));
    }

    @Override
    public String toString() { // never a key
        return "PersonalDataCipher[purpose=" + purpose + ", keys=" + keys.keySet() + "]";
    }

    /** A sealed value that cannot be opened; the message names the key id, never the value. */
    public static final class Unreadable extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        Unreadable(String message) {
            super(message);
        }
    }

    private static Map<String, SecretKeySpec> derive(List<byte[]> masters, String purpose) {
        Map<String, SecretKeySpec> out = new LinkedHashMap<>();
        for (byte[] master : masters) {
            out.put(keyId(master), new SecretKeySpec(hkdf(master, purpose), "AES"));
        }
        return out;
    }

    private void requirePurpose() {
        if (purpose.isEmpty()) throw new IllegalStateException("choose a purpose first (forPurpose)");
    }

    private byte[] aad(String keyId, String context) {
        return (purpose + "\n" + keyId + "\n" + (context == null ? "" : context)).getBytes(StandardCharsets.UTF_8);
    }

    /** A key's public name: the first 8 hex digits of SHA-256("lianxin key id" ‖ key). */
    static String keyId(byte[] master) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("lianxin key id\n".getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(sha.digest(master), 0, 4);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** A {@value #KEY_BYTES}-byte key derived from {@code secret} (HKDF-SHA-256, info = {@code purpose}). */
    public static byte[] derivedKey(byte[] secret, String purpose) {
        return hkdf(secret, purpose);
    }

    /** HKDF-SHA-256 (RFC 5869) of one 32-byte output block, salt fixed to the project's name. */
    static byte[] hkdf(byte[] master, String info) {
        try {
            Mac extract = Mac.getInstance("HmacSHA256");
            extract.init(new SecretKeySpec("lianxin-personal-data-v1".getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
            byte[] prk = extract.doFinal(master);
            Mac expand = Mac.getInstance("HmacSHA256");
            expand.init(new SecretKeySpec(prk, "HmacSHA256"));
            expand.update(info.getBytes(StandardCharsets.UTF_8));
            expand.update((byte) 1);
            return expand.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
