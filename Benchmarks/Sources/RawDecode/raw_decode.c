/* swift-did: decentralized identity for Swift. Apache-2.0.
 * A straightforward C did:key decoder, used only as the benchmark's baseline (goal P1 of Benchmarks/README.md). */
#include "raw_decode.h"
#include <string.h>

static const int8_t B58[256] = {
    ['1'] = 1,  ['2'] = 2,  ['3'] = 3,  ['4'] = 4,  ['5'] = 5,  ['6'] = 6,  ['7'] = 7,  ['8'] = 8,  ['9'] = 9,
    ['A'] = 10, ['B'] = 11, ['C'] = 12, ['D'] = 13, ['E'] = 14, ['F'] = 15, ['G'] = 16, ['H'] = 17, ['J'] = 18,
    ['K'] = 19, ['L'] = 20, ['M'] = 21, ['N'] = 22, ['P'] = 23, ['Q'] = 24, ['R'] = 25, ['S'] = 26, ['T'] = 27,
    ['U'] = 28, ['V'] = 29, ['W'] = 30, ['X'] = 31, ['Y'] = 32, ['Z'] = 33, ['a'] = 34, ['b'] = 35, ['c'] = 36,
    ['d'] = 37, ['e'] = 38, ['f'] = 39, ['g'] = 40, ['h'] = 41, ['i'] = 42, ['j'] = 43, ['k'] = 44, ['m'] = 45,
    ['n'] = 46, ['o'] = 47, ['p'] = 48, ['q'] = 49, ['r'] = 50, ['s'] = 51, ['t'] = 52, ['u'] = 53, ['v'] = 54,
    ['w'] = 55, ['x'] = 56, ['y'] = 57, ['z'] = 58,
}; /* value + 1; 0 = not in the alphabet */

int raw_didkey_decode(const char *did, size_t did_len, uint8_t *out, size_t out_cap) {
    static const char prefix[] = "did:key:z";
    if (did_len <= sizeof(prefix) - 1 || memcmp(did, prefix, sizeof(prefix) - 1) != 0) return -1;
    const unsigned char *text = (const unsigned char *)did + sizeof(prefix) - 1;
    size_t n = did_len - (sizeof(prefix) - 1);
    uint8_t buf[128];
    size_t cap = n * 733 / 1000 + 1;
    if (cap > sizeof buf) return -1;
    memset(buf, 0, cap);
    size_t zeros = 0, length = 0;
    while (zeros < n && text[zeros] == '1') zeros++;
    for (size_t i = zeros; i < n; i++) {
        int v = B58[text[i]];
        if (v == 0) return -1;
        uint32_t carry = (uint32_t)(v - 1);
        size_t j = 0;
        for (size_t k = cap; (carry != 0 || j < length) && k > 0; k--, j++) {
            carry += 58u * buf[k - 1];
            buf[k - 1] = (uint8_t)carry;
            carry >>= 8;
        }
        length = j;
    }
    size_t total = zeros + length;
    if (total > out_cap) return -1;
    memset(out, 0, zeros);
    memcpy(out + zeros, buf + cap - length, length);
    if (total != 34 || out[0] != 0xed || out[1] != 0x01) return -1;
    return (int)total;
}
