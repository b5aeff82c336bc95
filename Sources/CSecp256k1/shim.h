#ifndef CSECP256K1_SHIM_H
#define CSECP256K1_SHIM_H
#include <secp256k1.h>
#include <secp256k1_extrakeys.h>
#include <secp256k1_schnorrsig.h>

/* Flags as plain constants (Swift does not import every macro form). */
static inline unsigned int swiftdid_secp256k1_context_none(void) { return SECP256K1_CONTEXT_NONE; }
static inline unsigned int swiftdid_secp256k1_ec_compressed(void) { return SECP256K1_EC_COMPRESSED; }
static inline unsigned int swiftdid_secp256k1_ec_uncompressed(void) { return SECP256K1_EC_UNCOMPRESSED; }

/* BIP-340 signing of a message of any length with explicit auxiliary randomness (32 bytes, may be NULL).
   SECP256K1_SCHNORRSIG_EXTRAPARAMS_INIT is a struct-initialiser macro Swift cannot import. */
static inline int swiftdid_secp256k1_schnorrsig_sign(const secp256k1_context *ctx, unsigned char *sig64,
                                                     const unsigned char *msg, size_t msglen,
                                                     const secp256k1_keypair *keypair,
                                                     const unsigned char *aux_rand32) {
    secp256k1_schnorrsig_extraparams params = SECP256K1_SCHNORRSIG_EXTRAPARAMS_INIT;
    params.ndata = (void *)aux_rand32;
    return secp256k1_schnorrsig_sign_custom(ctx, sig64, msg, msglen, keypair, &params);
}
#endif
