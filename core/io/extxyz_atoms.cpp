#include "core/io/extxyz_atoms.h"

#include <cmath>
#include <vector>

#include "core/dataset/elements.h"
#include "core/io/extxyz_tokens.h"
#include "core/io/text_scan.h"
#include "core/util/error.h"

namespace le {

namespace {

// atomicNumber() for one- and two-letter ASCII symbols through a table built once (the
// general function is a linear search, too slow for every atom line).
int symbolToZ(std::string_view token) {
    static const std::vector<unsigned char> table = [] {
        std::vector<unsigned char> t(128 * 128, 0);
        for (int a = 1; a < 128; ++a) {
            const char one[1] = {char(a)};
            t[std::size_t(a) * 128] = (unsigned char)atomicNumber(std::string_view(one, 1));
            for (int b = 1; b < 128; ++b) {
                const char two[2] = {char(a), char(b)};
                t[std::size_t(a) * 128 + std::size_t(b)] = (unsigned char)atomicNumber(std::string_view(two, 2));
            }
        }
        return t;
    }();
    const auto a = static_cast<unsigned char>(token[0]);
    const auto b = token.size() == 2 ? static_cast<unsigned char>(token[1]) : 0u;
    if (token.size() > 2 || a >= 128 || b >= 128) return atomicNumber(token);
    return table[std::size_t(a) * 128 + b];
}

class AtomLineParser {
public:
    AtomLineParser(const FrameLayout& layout, Frame& frame, const std::string& file, long long frameIndex)
        : layout_(layout), frame_(frame), file_(file), frameIndex_(frameIndex) {}

    void run() {
        const char* text = layout_.atomText.data();
        const char* end = text + layout_.atomText.size();
        if (layout_.plainXyz) { // extra columns are ignored: each line is cut first
            text::LineReader lines(layout_.atomText);
            std::string_view line;
            for (atom_ = 0; atom_ < layout_.atomCount && lines.next(line); ++atom_) {
                line = firstTokens(line, 4);
                text::TokenStarts tokens(line.data(), line.data() + line.size(), layout_.textEnd);
                parseLine(tokens, line.data(), line.data() + line.size());
            }
            return;
        }
        // One token scan finds both the tokens and the end of each line (the first pass
        // counted the lines, so each atom has one).
        for (atom_ = 0; atom_ < layout_.atomCount; ++atom_) {
            text::TokenStarts tokens(text, end, layout_.textEnd, /*untilNewline=*/true);
            parseLine(tokens, text, end);
            text = tokens.end() + 1;
        }
    }

private:
    [[noreturn]] [[gnu::noinline]] void fail(const std::string& message) const {
        throw InputError(file_, "line " + std::to_string(layout_.lineBefore + atom_ + 1) + ", frame " +
                                    std::to_string(frameIndex_ + 1),
                         message);
    }
    [[noreturn]] [[gnu::noinline]] void failMissing(int seen) const {
        fail("expected " + std::to_string(expectedTokens()) + " columns on the line of atom " +
             std::to_string(atom_ + 1) + ", found " + std::to_string(seen));
    }
    [[noreturn]] [[gnu::noinline]] void failToken(std::string_view token, int column, const std::string& name,
                                                  const char* expected) const {
        fail("column " + std::to_string(column) + " (" + name + ") of atom " + std::to_string(atom_ + 1) + " is \"" +
             std::string(token.substr(0, 40)) + "\", expected " + expected);
    }
    int expectedTokens() const { return layout_.plainXyz ? 4 : layout_.tokensPerLine; }

    // Plain XYZ: species x y z, extra columns (charges...) ignored as ASE does.
    static std::string_view firstTokens(std::string_view line, int n) {
        std::string_view rest = line, token;
        const char* stop = line.data();
        for (int i = 0; i < n && text::nextToken(rest, token); ++i) stop = token.data() + token.size();
        return line.substr(0, std::size_t(stop - line.data()));
    }

    int speciesOf(std::string_view token) {
        int z = symbolToZ(token);
        long long number = 0;
        if (z == 0 && text::parseInt(token, number) && number >= 1 && number <= 118) z = int(number);
        return z;
    }

    // The tokens of one atom line, which starts at lineBegin; `end` bounds its tokens (the
    // line's end, or the end of the frame's atom lines).
    void parseLine(text::TokenStarts& tokens, const char* lineBegin, const char* end) {
        const bool lineFits = lineBegin - layout_.textBegin >= 17;
        auto fits = [&](const char* t) { return lineFits && layout_.textEnd - t >= 32; };
        auto tokenAt = [end](const char* t) { return std::string_view(t, std::size_t(text::tokenEnd(t, end) - t)); };
        int seen = 0;
        const auto a = Eigen::Index(atom_);
        for (const auto& column : layout_.plan) {
            if (column.role == ColumnRole::Positions) {
                for (int k = 0; k < 3; ++k) {
                    const char* t = tokens.next();
                    if (!t) failMissing(seen);
                    ++seen;
                    double& x = frame_.positions(a, k);
                    if (!text::parseDoubleAt(t, end, fits(t), x)) failToken(tokenAt(t), seen, "pos", "a number");
                    if (!std::isfinite(x)) failToken(tokenAt(t), seen, "pos", "a finite number");
                }
                continue;
            }
            if (column.role == ColumnRole::SpeciesSymbol || column.role == ColumnRole::SpeciesNumber) {
                const char* t = tokens.next();
                if (!t) failMissing(seen);
                ++seen;
                const std::string_view token = tokenAt(t);
                long long z = 0;
                if (column.role == ColumnRole::SpeciesSymbol) {
                    z = speciesOf(token);
                    if (z == 0 && token != "X" && token != "0") failToken(token, seen, "species", "an element symbol");
                }
                else if (!text::parseInt(token, z) || z < 0 || z > 118) failToken(token, seen, "Z", "an atomic number");
                frame_.species[std::size_t(a)] = int(z);
                continue;
            }
            ColumnStore* s = column.store;
            const std::size_t row = std::size_t(layout_.firstAtom + atom_);
            double* out = s && s->numbers.size() ? s->numbers.data() + row * std::size_t(column.width) : nullptr;
            for (int k = 0; k < column.width; ++k) {
                const char* t = tokens.next();
                if (!t) failMissing(seen);
                ++seen;
                if (!s) continue; // a column that is not kept is still counted
                if (s->spec.type == 'R') { // the common wide case: no token view needed
                    if (!text::parseDoubleAt(t, end, fits(t), out[k]))
                        failToken(tokenAt(t), seen, s->spec.name, "a real number");
                    continue;
                }
                const std::string_view token = tokenAt(t);
                switch (s->spec.type) {
                case 'I': {
                    long long v;
                    if (!text::parseInt(token, v)) failToken(token, seen, s->spec.name, "an integer");
                    out[k] = double(v);
                    break;
                }
                case 'L': {
                    bool v;
                    if (!text::parseBool(token, v)) failToken(token, seen, s->spec.name, "T or F");
                    out[k] = v ? 1.0 : 0.0;
                    break;
                }
                default:
                    if (k > 0) s->labels[row] += ' ';
                    s->labels[row].append(token);
                }
            }
        }
        if (tokens.next())
            fail("the line of atom " + std::to_string(atom_ + 1) + " has more than the " +
                 std::to_string(expectedTokens()) + " columns the Properties describe");
    }

    const FrameLayout& layout_;
    Frame& frame_;
    const std::string& file_;
    long long frameIndex_;
    long long atom_ = 0;
};

} // namespace

void parseFrameAtoms(const FrameLayout& layout, Frame& frame, const std::string& file, long long frameIndex) {
    AtomLineParser(layout, frame, file, frameIndex).run();
}

} // namespace le
