// The atom-line fast paths (token starts found 64 bytes at a time, fixed-point decimals
// parsed without a branch per digit) against std::from_chars, the correctly rounded
// reference, on random and adversarial tokens placed at every offset of a buffer.
#include <QtTest>

#include <charconv>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "core/io/extxyz_decimal.h"
#include "core/io/extxyz_tokens.h"
#include "core/io/text_scan.h"

using namespace le;

namespace {

bool reference(const std::string& s, double& out) {
    const char* begin = s.data() + (!s.empty() && s[0] == '+');
    const auto [ptr, ec] = std::from_chars(begin, s.data() + s.size(), out);
    return ec == std::errc() && ptr == s.data() + s.size() && !s.empty();
}

bool sameDouble(double a, double b) {
    return (a == b && std::signbit(a) == std::signbit(b)) || (a != a && b != b);
}

// Tokens a fixed-point writer emits, plus everything near them that must not fool the
// fast paths.
std::vector<std::string> adversarialTokens() {
    std::vector<std::string> tokens = {
        "0", "-0", "-0.0", "+0.5", "1.", "-1.", ".5", "-.5", "+.5", ".", "-", "+", "-.", "1.2.3", "--1",
        "+-1", "1-", "1e5", "1.5e-3", "1.5E+2", "1.5x", "0.00937575", "-0.40405292", "231.27000000",
        "13047.00000000", "9007199254740992", "9007199254740993", "900719925474099.3", "0.9007199254740993",
        "123456789012345", "1234567890123456", "12345678.1234567", "1.23456789012345", "99999999999999.9",
        "0.000000000000001", "000000000000001", "00000000.0000001", "7.3722410696100", "42.2402452141",
        "0.1", "0.2", "0.3", "2.675", "1.005", "4.35", "0.15", "5e-324", "1.7976931348623157e308", "nan", "inf"};
    // Decimal neighbours of rounding boundaries: halfway points between adjacent doubles,
    // printed with 15-17 significant digits and nudged by one in the last place.
    std::mt19937_64 rng(11);
    for (int i = 0; i < 400; ++i) {
        const double x = std::ldexp(double(rng() >> 11), -int(rng() % 60));
        const double y = std::nextafter(x, 1e300);
        char buffer[64];
        for (int digits : {15, 16, 17}) {
            std::snprintf(buffer, sizeof buffer, "%.*g", digits, x + (y - x) / 2);
            tokens.emplace_back(buffer);
        }
        std::snprintf(buffer, sizeof buffer, "%.10f", x);
        tokens.emplace_back(buffer);
    }
    return tokens;
}

std::vector<std::string> randomFixedTokens(int count) {
    std::mt19937_64 rng(5);
    std::vector<std::string> tokens;
    for (int i = 0; i < count; ++i) {
        std::string s = rng() % 2 ? "-" : (rng() % 8 == 0 ? "+" : "");
        for (int k = int(rng() % 9); k > 0; --k) s += char('0' + rng() % 10);
        if (rng() % 10) s += '.';
        for (int k = int(rng() % 16); k > 0; --k) s += char('0' + (rng() % 4 ? rng() % 10 : 0));
        if (rng() % 20 == 0) s.append("e").append(std::to_string(int(rng() % 40) - 20));
        tokens.push_back(s);
    }
    return tokens;
}

} // namespace

class TestIoExtxyzNumbers : public QObject {
    Q_OBJECT
private slots:
    void fixedPointPathsEqualFromChars() {
        auto tokens = adversarialTokens();
        const auto random = randomFixedTokens(300000);
        tokens.insert(tokens.end(), random.begin(), random.end());
        int fastHits = 0;
        for (const auto& s : tokens) {
            double expected = 0;
            const bool ok = reference(s, expected);
            // Padded so that both fast paths may read around the token, which is followed
            // by a space as on an atom line.
            const std::string buffer = std::string(24, ' ') + s + " " + std::string(40, ' ');
            const char* token = buffer.data() + 24;
            const char* lineEnd = buffer.data() + buffer.size();
            double value = -7;
            QVERIFY2(text::parseDoubleAt(token, lineEnd, true, value) == ok, s.c_str());
            if (ok) QVERIFY2(sameDouble(value, expected), s.c_str());
            for (auto* fast : {&text::fixedDecimalSwar
#if defined(__SSE2__)
                               , &text::fixedDecimalSse2
#endif
                 }) {
                const char* p = token;
                double v = -7;
                if (fast(p, v) && *p == ' ') { // taken: must be the exact value of the whole token
                    ++fastHits;
                    QVERIFY2(ok && p == token + s.size() && sameDouble(v, expected), s.c_str());
                }
            }
        }
        QVERIFY(fastHits > 250000); // the fast paths are really exercised
    }
    void tokensAtTheEdgesOfTheBuffer() {
        // Tokens at the very start and end of the text (fast paths must not read outside
        // it: ASan checks that), tokens of 15, 16 and 17 bytes.
        for (const std::string text : {"1.5", "-2.25 3", "123456789.012345 1", "1234567890.123456 2",
                                       "12345678901.234567 3", "0.1 -0.2 0.3\r", " \t7.5"}) {
            const auto copy = std::make_unique<char[]>(text.size()); // exact size: no slack
            std::memcpy(copy.get(), text.data(), text.size());
            const char* begin = copy.get();
            const char* end = begin + text.size();
            text::TokenStarts starts(begin, end, end);
            std::string_view rest(begin, text.size()), token;
            while (text::nextToken(rest, token)) {
                QCOMPARE(starts.next(), token.data());
                double value = 0, expected = 0;
                QVERIFY(reference(std::string(token), expected));
                // Too close to the edges for the fast path: the general one is used.
                QVERIFY2(text::parseDoubleAt(token.data(), end, false, value), text.c_str());
                QCOMPARE(value, expected);
            }
            QVERIFY(starts.next() == nullptr);
        }
    }
    void tokenStartsOverManyBlocks() {
        // Whitespace of every kind, runs across 64-byte block boundaries, a token right at
        // a boundary; compared with the byte-at-a-time tokenizer.
        std::mt19937_64 rng(3);
        const char spaces[] = {' ', '\t', '\v', '\f', '\r', '\n'};
        for (int trial = 0; trial < 2000; ++trial) {
            std::string line;
            const int length = int(rng() % 400);
            while (int(line.size()) < length) {
                if (rng() % 3 == 0) line += spaces[rng() % 6];
                else line += char('!' + rng() % 94);
                if (rng() % 50 == 0) line += "\xC3\xA9"; // non-ASCII bytes are token text
            }
            const std::string buffer = line + std::string(70, 'x'); // readable slack past the end
            const char* begin = buffer.data();
            text::TokenStarts starts(begin, begin + line.size(), begin + buffer.size());
            std::string_view rest(begin, line.size()), token;
            while (text::nextToken(rest, token)) QCOMPARE(starts.next(), token.data());
            QVERIFY(starts.next() == nullptr);
            // Until the first newline only: the tokens of the first line, then its end.
            const std::size_t newline = line.find('\n');
            const std::size_t firstLineSize = newline == std::string::npos ? line.size() : newline;
            text::TokenStarts firstLine(begin, begin + line.size(), begin + buffer.size(), true);
            rest = std::string_view(begin, firstLineSize);
            while (text::nextToken(rest, token)) QCOMPARE(firstLine.next(), token.data());
            QVERIFY(firstLine.next() == nullptr);
            QCOMPARE(firstLine.end(), begin + firstLineSize);
        }
    }
    void skippingLinesMatchesReadingThem() {
        // LineReader::skip counts newlines 64 bytes at a time; it must stop exactly where n
        // calls of next() would, with the same line number, including a last line without
        // a newline, CRLF, empty lines and the end of the text.
        std::mt19937_64 rng(9);
        for (int trial = 0; trial < 3000; ++trial) {
            std::string text;
            for (int lines = int(rng() % 60); lines > 0; --lines) {
                text.append(std::size_t(rng() % 90), 'a');
                text += rng() % 4 ? "\n" : "\r\n";
            }
            if (rng() % 2) text.append(std::size_t(rng() % 30), 'z'); // unterminated last line
            const long long n = (long long)(rng() % 70);
            text::LineReader skipping(text, 5), reading(text, 5);
            std::string_view line;
            long long read = 0;
            while (read < n && reading.next(line)) ++read;
            QCOMPARE(skipping.skip(n), read);
            QCOMPARE(skipping.position(), reading.position());
            QCOMPARE(skipping.lineNumber(), reading.lineNumber());
        }
    }
};

QTEST_GUILESS_MAIN(TestIoExtxyzNumbers)
#include "test_io_extxyz_numbers.moc"
