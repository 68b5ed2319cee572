#include "core/io/extxyz_comment.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cctype>
#include <cmath>

#include "core/io/text_scan.h"

namespace le {

int ExtxyzHeader::tokensPerLine() const {
    int n = 0;
    for (const auto& c : columns) n += c.width;
    return n;
}

namespace {

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    return true;
}

// Splits the line into (key, value, hasValue) triples, undoing quotes and escapes.
class PairScanner {
public:
    explicit PairScanner(std::string_view s) : s_(s) {}

    bool next(std::string& key, std::string& value, bool& hasValue) {
        skipSpaces();
        if (i_ >= s_.size()) return false;
        key = readItem(/*stopAtEquals=*/true);
        if (key.empty()) throw CommentError("empty key before '='");
        skipSpaces();
        hasValue = i_ < s_.size() && s_[i_] == '=';
        value.clear();
        if (hasValue) {
            ++i_;
            skipSpaces();
            if (i_ >= s_.size()) throw CommentError("key '" + key + "' has '=' but no value");
            value = readItem(/*stopAtEquals=*/false);
        }
        return true;
    }

private:
    void skipSpaces() {
        while (i_ < s_.size() && text::isSpace(s_[i_])) ++i_;
    }
    std::string readItem(bool stopAtEquals) {
        std::string out;
        if (s_[i_] == '"') {
            ++i_;
            const std::size_t close = s_.find_first_of("\"\\", i_);
            if (close != std::string_view::npos && s_[close] == '"') { // no escapes: one copy
                out.assign(s_.substr(i_, close - i_));
                i_ = close + 1;
                return out;
            }
            while (i_ < s_.size() && s_[i_] != '"') {
                if (s_[i_] == '\\' && i_ + 1 < s_.size()) {
                    ++i_;
                    out += s_[i_] == 'n' ? '\n' : s_[i_];
                } else {
                    out += s_[i_];
                }
                ++i_;
            }
            if (i_ >= s_.size()) throw CommentError("unterminated \"quoted\" value");
            ++i_;
        } else if (s_[i_] == '{') {
            const std::size_t close = s_.find('}', i_);
            if (close == std::string_view::npos) throw CommentError("unterminated {braced} value");
            out.assign(s_.substr(i_ + 1, close - i_ - 1));
            i_ = close + 1;
        } else {
            const std::size_t start = i_;
            while (i_ < s_.size() && !text::isSpace(s_[i_]) && !(stopAtEquals && s_[i_] == '=')) ++i_;
            out.assign(s_.substr(start, i_ - start)); // one copy, not one append per character
        }
        return out;
    }

    std::string_view s_;
    std::size_t i_ = 0;
};

std::vector<ColumnSpec> parseProperties(std::string_view spec) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= spec.size(); ++i)
        if (i == spec.size() || spec[i] == ':') {
            parts.push_back(spec.substr(start, i - start));
            start = i + 1;
        }
    if (parts.size() % 3 != 0)
        throw CommentError("Properties must be name:type:count triples, got '" + std::string(spec) + "'");
    std::vector<ColumnSpec> columns;
    long long total = 0;
    for (std::size_t i = 0; i < parts.size(); i += 3) {
        ColumnSpec c;
        c.name = std::string(parts[i]);
        if (c.name.empty()) throw CommentError("Properties has an empty column name");
        if (parts[i + 1].size() != 1 || std::string_view("SRIL").find(parts[i + 1][0]) == std::string_view::npos)
            throw CommentError("Properties column '" + c.name + "' has type '" + std::string(parts[i + 1]) +
                               "', expected S, R, I or L");
        c.type = parts[i + 1][0];
        long long width = 0;
        if (!text::parseInt(parts[i + 2], width) || width < 1 || width > 1000000)
            throw CommentError("Properties column '" + c.name + "' has count '" + std::string(parts[i + 2]) +
                               "', expected a positive integer");
        c.width = int(width);
        if ((total += width) > 10'000'000)
            throw CommentError("Properties describe more than 10 million values per atom line");
        for (const auto& other : columns)
            if (other.name == c.name) throw CommentError("Properties names column '" + c.name + "' twice");
        columns.push_back(std::move(c));
    }
    return columns;
}

void requireSpeciesAndPositions(const std::vector<ColumnSpec>& columns) {
    bool species = false, pos = false;
    for (const auto& c : columns) {
        if ((c.name == "species" && c.type == 'S' && c.width == 1) ||
            (c.name == "Z" && c.type == 'I' && c.width == 1))
            species = true;
        if (c.name == "pos" && c.type == 'R' && c.width == 3) pos = true;
    }
    if (!species) throw CommentError("Properties has no species:S:1 (or Z:I:1) column");
    if (!pos) throw CommentError("Properties has no pos:R:3 column");
}

Eigen::Matrix3d parseLattice(std::string_view text) {
    Eigen::Matrix3d cell;
    std::string_view rest = text, token;
    int n = 0;
    while (text::nextToken(rest, token)) {
        double v;
        if (n >= 9 || !text::parseDouble(token, v))
            throw CommentError("Lattice must hold 9 numbers (a, b, c vectors), got \"" + std::string(text) + "\"");
        if (!std::isfinite(v)) throw CommentError("Lattice holds a non-finite number \"" + std::string(token) + "\"");
        cell(n / 3, n % 3) = v;
        ++n;
    }
    if (n != 9) throw CommentError("Lattice must hold 9 numbers, got " + std::to_string(n));
    return cell;
}

std::array<bool, 3> parsePbc(std::string_view text) {
    std::array<bool, 3> pbc{};
    std::string_view rest = text, token;
    int n = 0;
    while (text::nextToken(rest, token)) {
        if (n >= 3 || !text::parseBool(token, pbc[std::size_t(n)]))
            throw CommentError("pbc must be three of T/F, got \"" + std::string(text) + "\"");
        ++n;
    }
    if (n == 1) pbc[1] = pbc[2] = pbc[0];
    else if (n != 3) throw CommentError("pbc must be three of T/F, got \"" + std::string(text) + "\"");
    return pbc;
}

// ASE writes some info values as "_JSON <json>"; arrays of numbers or strings are kept typed.
InfoValue interpretJson(std::string_view json) {
    const QByteArray wrapped = "[" + QByteArray(json.data(), qsizetype(json.size())) + "]";
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(wrapped, &error);
    if (error.error != QJsonParseError::NoError || !doc.isArray() || doc.array().size() != 1)
        return InfoValue{std::string(json)};
    const QJsonValue v = doc.array().at(0);
    if (v.isDouble()) return InfoValue{v.toDouble()};
    if (v.isBool()) return InfoValue{v.toBool()};
    if (v.isString()) return InfoValue{v.toString().toStdString()};
    if (v.isArray()) {
        const QJsonArray a = v.toArray();
        std::vector<double> numbers;
        std::vector<std::string> strings;
        for (const auto& e : a) {
            if (e.isDouble()) numbers.push_back(e.toDouble());
            else if (e.isString()) strings.push_back(e.toString().toStdString());
        }
        if (numbers.size() == std::size_t(a.size())) return InfoValue{numbers};
        if (strings.size() == std::size_t(a.size())) return InfoValue{strings};
    }
    return InfoValue{std::string(json)};
}

} // namespace

InfoValue interpretInfoValue(std::string_view text) {
    if (text.substr(0, 6) == "_JSON ") return interpretJson(text.substr(6));
    std::vector<std::string_view> tokens;
    std::string_view rest = text, token;
    while (text::nextToken(rest, token)) tokens.push_back(token);
    if (tokens.empty()) return InfoValue{std::string(text)};

    std::vector<long long> ints;
    for (auto t : tokens) {
        long long v;
        if (!text::parseInt(t, v)) break;
        ints.push_back(v);
    }
    if (ints.size() == tokens.size())
        return tokens.size() == 1 ? InfoValue{ints[0]} : InfoValue{std::move(ints)};
    std::vector<double> reals;
    for (auto t : tokens) {
        double v;
        if (!text::parseDouble(t, v)) break;
        reals.push_back(v);
    }
    if (reals.size() == tokens.size())
        return tokens.size() == 1 ? InfoValue{reals[0]} : InfoValue{std::move(reals)};
    std::vector<bool> bools;
    for (auto t : tokens) {
        bool v;
        if (!text::parseBool(t, v)) break;
        bools.push_back(v);
    }
    if (bools.size() == tokens.size())
        return tokens.size() == 1 ? InfoValue{bool(bools[0])} : InfoValue{std::move(bools)};
    return InfoValue{std::string(text)};
}

ExtxyzHeader parseExtxyzComment(std::string_view line) {
    ExtxyzHeader header;
    header.columns = {{"species", 'S', 1}, {"pos", 'R', 3}};
    if (line.find('=') == std::string_view::npos) {
        // A plain XYZ title line, kept as ASE's newer versions do.
        if (!text::isBlank(line)) {
            std::string_view rest = line, token;
            std::string title;
            while (text::nextToken(rest, token)) {
                if (!title.empty()) title += ' ';
                title.append(token);
            }
            header.info["comment"] = InfoValue{title};
        }
        return header;
    }
    PairScanner scanner(line);
    std::string key, value;
    bool hasValue = false;
    while (scanner.next(key, value, hasValue)) {
        if (equalsIgnoreCase(key, "Properties") && hasValue) {
            header.columns = parseProperties(value);
            requireSpeciesAndPositions(header.columns);
            header.hasProperties = true;
        } else if (equalsIgnoreCase(key, "Lattice") && hasValue) {
            header.lattice = parseLattice(value);
        } else if (equalsIgnoreCase(key, "pbc") && hasValue) {
            header.pbc = parsePbc(value);
        } else {
            header.info[key] = hasValue ? interpretInfoValue(value) : InfoValue{true};
        }
    }
    return header;
}

} // namespace le
