#pragma once
// Where the whitespace-separated tokens of an atom line start, found 64 bytes at a time:
// one bit mask of token starts per block, then one bit operation per token. Each number
// can then be parsed from a known address instead of after the previous token has been
// scanned, so the CPU works on several numbers of a line at once.
#include <bit>
#include <cstddef>
#include <cstdint>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/io/extxyz_decimal.h"
#include "core/io/text_scan.h"

namespace le::text {

// Bit i is set when block[i] is whitespace (isSpace), for the 64 bytes at `block`.
inline std::uint64_t whitespaceMask64(const char* block) {
#if defined(__SSE2__)
    std::uint64_t mask = 0;
    for (int k = 0; k < 4; ++k) {
        const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(block + 16 * k));
        const __m128i space = _mm_cmpeq_epi8(b, _mm_set1_epi8(' '));
        const __m128i fromTab = _mm_sub_epi8(b, _mm_set1_epi8('\t')); // \t \n \v \f \r → 0..4
        const __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(fromTab, _mm_set1_epi8(4)), fromTab);
        mask |= std::uint64_t(unsigned(_mm_movemask_epi8(_mm_or_si128(space, control)))) << (16 * k);
    }
    return mask;
#else
    std::uint64_t mask = 0;
    for (int i = 0; i < 64; ++i) mask |= std::uint64_t(isSpace(block[i])) << i;
    return mask;
#endif
}

class TokenStarts {
public:
    // The tokens of [begin, end); reads may go up to readableEnd (>= end), never further.
    TokenStarts(const char* begin, const char* end, const char* readableEnd)
        : block_(begin), end_(end), readableEnd_(readableEnd) {
        load();
    }

    // Start of the next token, or nullptr when there is none left.
    const char* next() {
        while (starts_ == 0) {
            if (end_ - block_ <= 64) return nullptr;
            block_ += 64;
            load();
        }
        const char* token = block_ + std::countr_zero(starts_);
        starts_ &= starts_ - 1;
        return token;
    }

private:
    void load() {
        const std::ptrdiff_t valid = end_ - block_; // 0..n; bytes from `valid` on are past the end
        std::uint64_t space;
        if (readableEnd_ - block_ >= 64) {
            space = whitespaceMask64(block_);
        } else {
            space = 0;
            for (std::ptrdiff_t i = 0; i < valid && i < 64; ++i) space |= std::uint64_t(isSpace(block_[i])) << i;
        }
        if (valid < 64) space |= ~std::uint64_t(0) << valid;
        const std::uint64_t text = ~space;
        starts_ = text & ~((text << 1) | previousIsText_);
        previousIsText_ = text >> 63;
    }

    const char* block_;
    const char* end_;
    const char* readableEnd_;
    std::uint64_t starts_ = 0;
    std::uint64_t previousIsText_ = 0;
};

// End of the token that starts at `token` (first whitespace byte, or `end`).
inline const char* tokenEnd(const char* token, const char* end) {
    while (token < end && !isSpace(*token)) ++token;
    return token;
}

// Whether the fixed-point fast path may read around every token of the line
// [lineBegin, lineEnd) of a buffer whose bytes [begin, readableEnd) exist (decided once a
// line, not once a number).
inline bool fastPathFits(const char* lineBegin, const char* lineEnd, const char* begin, const char* readableEnd) {
    return lineBegin - begin >= 17 && readableEnd - lineEnd >= 32;
}

// The number whose token starts at `token`, on a line ending at `end`: the fixed-point
// fast path when `fits` (see fastPathFits) and it applies, else the general parser.
// False when the token is not a number.
inline bool parseDoubleAt(const char* token, const char* end, bool fits, double& out) {
    const char* p = token;
#if defined(__SSE2__)
    const bool fast = fits && fixedDecimalSse2(p, out);
#else
    const bool fast = fits && fixedDecimalSwar(p, out);
#endif
    if (fast && p <= end && (p == end || isSpace(*p))) return true;
    return parseDouble(std::string_view(token, std::size_t(tokenEnd(token, end) - token)), out);
}

} // namespace le::text
