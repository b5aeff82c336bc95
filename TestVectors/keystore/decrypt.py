#!/usr/bin/env python3
# swift-did: decentralized identity for Swift. Apache-2.0.
"""An independent reader of swift-did key files (Specs/keystore.md), written from the spec alone.

Uses Python's `cryptography` package (Argon2id, ChaCha20-Poly1305) and a hand-written HChaCha20 for the
XChaCha20 construction (draft-irtf-cfrg-xchacha-03 §2.2-2.3). No libsodium, no swift-did code.

    python3 decrypt.py example-v1.json 'correct horse battery staple'   # prints the private key in hex
"""
import base64
import json
import struct
import sys

from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id


def b64url(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def hchacha20(key, nonce16):
    def rotl(v, c):
        return ((v << c) & 0xFFFFFFFF) | (v >> (32 - c))

    def quarter(s, a, b, c, d):
        s[a] = (s[a] + s[b]) & 0xFFFFFFFF; s[d] = rotl(s[d] ^ s[a], 16)
        s[c] = (s[c] + s[d]) & 0xFFFFFFFF; s[b] = rotl(s[b] ^ s[c], 12)
        s[a] = (s[a] + s[b]) & 0xFFFFFFFF; s[d] = rotl(s[d] ^ s[a], 8)
        s[c] = (s[c] + s[d]) & 0xFFFFFFFF; s[b] = rotl(s[b] ^ s[c], 7)

    state = list(struct.unpack("<4I", b"expand 32-byte k")) + list(struct.unpack("<8I", key)) + list(
        struct.unpack("<4I", nonce16))
    for _ in range(10):
        quarter(state, 0, 4, 8, 12); quarter(state, 1, 5, 9, 13); quarter(state, 2, 6, 10, 14)
        quarter(state, 3, 7, 11, 15); quarter(state, 0, 5, 10, 15); quarter(state, 1, 6, 11, 12)
        quarter(state, 2, 7, 8, 13); quarter(state, 3, 4, 9, 14)
    return struct.pack("<8I", *(state[0:4] + state[12:16]))


def main(path, passphrase):
    document = json.load(open(path, encoding="utf-8"))
    assert document["version"] == 1
    crypto = document["crypto"]
    kdf, cipher = crypto["kdf"], crypto["cipher"]
    assert kdf["algorithm"] == "argon2id" and kdf["version"] == 19
    assert cipher["algorithm"] == "xchacha20-poly1305-ietf"
    key = Argon2id(salt=b64url(kdf["salt"]), length=32, iterations=kdf["opsLimit"], lanes=1,
                   memory_cost=kdf["memoryLimit"] // 1024).derive(passphrase.encode("utf-8"))
    # Associated data: JCS of the object without crypto.ciphertext. For these members (ASCII names, integers,
    # strings without escapes) sorted compact json.dumps is JCS.
    without = json.loads(json.dumps(document))
    del without["crypto"]["ciphertext"]
    aad = json.dumps(without, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    nonce = b64url(cipher["nonce"])
    subkey = hchacha20(key, nonce[:16])
    plaintext = ChaCha20Poly1305(subkey).decrypt(b"\0\0\0\0" + nonce[16:], b64url(crypto["ciphertext"]), aad)
    print(plaintext.hex())


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
