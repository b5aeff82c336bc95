/* swift-did: decentralized identity for Swift. Apache-2.0.
 * The raw baseline for goal P1 (Benchmarks/README.md): what decoding a did:key costs in plain C. */
#ifndef RAW_DECODE_H
#define RAW_DECODE_H
#include <stddef.h>
#include <stdint.h>

/* Checks the "did:key:z" prefix, base58btc-decodes the rest into out (at most out_cap bytes) and checks the
 * ed25519-pub multicodec header 0xed 0x01 and a 32-byte key. Returns the decoded length, or -1 on any error. */
int raw_didkey_decode(const char *did, size_t did_len, uint8_t *out, size_t out_cap);

#endif
