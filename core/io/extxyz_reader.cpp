#include "core/io/extxyz_reader.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <memory>

#include "core/dataset/elements.h"
#include "core/io/extxyz_assemble.h"
#include "core/io/file_bytes.h"
#include "core/io/text_scan.h"
#include "core/util/error.h"

namespace le {

bool isFeatureColumn(const ColumnSpec& column) {
    if (column.type != 'R') return false;
    if (column.width >= 10) return true;
    std::string lower = column.name;
    for (auto& c : lower) c = char(std::tolower(static_cast<unsigned char>(c)));
    for (const char* hint : {"desc", "feature", "latent", "embedding"})
        if (lower.find(hint) != std::string::npos) return true;
    return false;
}

namespace {

enum class Role { SpeciesSymbol, SpeciesNumber, Positions, Stored };

struct ColumnPlan {
    Role role;
    ColumnStore* store = nullptr;
    int width = 1;
};

class ExtxyzParser {
public:
    ExtxyzParser(std::string_view text, const std::string& fileName, const TaskContext& ctx)
        : text_(text), file_(fileName), ctx_(ctx), lines_(text) {}

    Dataset run(std::vector<std::string>* warnings);

private:
    [[noreturn]] void fail(const std::string& message) const {
        throw InputError(file_, "line " + std::to_string(lines_.lineNumber()) + ", frame " +
                                    std::to_string(frames_.size() + 1),
                         message);
    }
    bool readFrame();
    long long readAtomCount(std::string_view line);
    std::vector<ColumnPlan> planColumns(const ExtxyzHeader& header);
    void parseAtomLine(std::string_view line, const std::vector<ColumnPlan>& plan, Frame& frame,
                       int atom, int expectedTokens);
    int speciesOf(std::string_view token);

    std::string_view text_;
    const std::string& file_;
    const TaskContext& ctx_;
    text::LineReader lines_;
    std::vector<Frame> frames_;
    std::vector<std::unique_ptr<ColumnStore>> stores_;
    std::string_view lastSymbol_;
    int lastZ_ = 0;
};

long long ExtxyzParser::readAtomCount(std::string_view line) {
    std::string_view rest = line, token, extra;
    text::nextToken(rest, token);
    long long n = 0;
    if (!text::parseInt(token, n) || text::nextToken(rest, extra))
        fail("expected the number of atoms of a frame, found \"" + std::string(line.substr(0, 60)) + "\"");
    if (n < 0) fail("negative atom count " + std::to_string(n));
    if (n > 2'000'000'000LL) fail("atom count " + std::to_string(n) + " is too large");
    return n;
}

std::vector<ColumnPlan> ExtxyzParser::planColumns(const ExtxyzHeader& header) {
    std::vector<ColumnPlan> plan;
    bool haveSpecies = false;
    for (const auto& spec : header.columns) {
        if (!haveSpecies && spec.name == "species" && spec.type == 'S' && spec.width == 1) {
            plan.push_back({Role::SpeciesSymbol, nullptr, 1});
            haveSpecies = true;
            continue;
        }
        if (!haveSpecies && spec.name == "Z" && spec.type == 'I' && spec.width == 1 &&
            std::none_of(header.columns.begin(), header.columns.end(),
                         [](const ColumnSpec& c) { return c.name == "species"; })) {
            plan.push_back({Role::SpeciesNumber, nullptr, 1});
            haveSpecies = true;
            continue;
        }
        if (spec.name == "pos" && spec.type == 'R' && spec.width == 3) {
            plan.push_back({Role::Positions, nullptr, 3});
            continue;
        }
        auto it = std::find_if(stores_.begin(), stores_.end(),
                               [&](const auto& s) { return s->spec.name == spec.name; });
        ColumnStore* store;
        if (it == stores_.end()) {
            stores_.push_back(std::make_unique<ColumnStore>());
            store = stores_.back().get();
            store->spec = spec;
            // A column that appears after frame 1 cannot cover every atom.
            store->consistent = frames_.empty();
        } else {
            store = it->get();
            if (store->spec.type != spec.type || store->spec.width != spec.width) store->consistent = false;
        }
        ++store->framesSeen;
        plan.push_back({Role::Stored, store->consistent ? store : nullptr, spec.width});
    }
    return plan;
}

int ExtxyzParser::speciesOf(std::string_view token) {
    if (token == lastSymbol_) return lastZ_;
    int z = atomicNumber(token);
    long long number = 0;
    if (z == 0 && text::parseInt(token, number) && number >= 1 && number <= 118) z = int(number);
    lastSymbol_ = token;
    lastZ_ = z;
    return z;
}

void ExtxyzParser::parseAtomLine(std::string_view line, const std::vector<ColumnPlan>& plan,
                                 Frame& frame, int atom, int expectedTokens) {
    std::string_view rest = line, token;
    int seen = 0;
    auto need = [&](const ColumnPlan& column) {
        if (!text::nextToken(rest, token))
            fail("expected " + std::to_string(expectedTokens) + " columns on the line of atom " +
                 std::to_string(atom + 1) + ", found " + std::to_string(seen));
        ++seen;
    };
    auto badToken = [&](const char* expected, const ColumnPlan& column, const std::string& name) {
        fail("column " + std::to_string(seen) + " (" + name + ") of atom " + std::to_string(atom + 1) +
             " is \"" + std::string(token.substr(0, 40)) + "\", expected " + expected);
    };
    for (const auto& column : plan) {
        switch (column.role) {
        case Role::SpeciesSymbol:
            need(column);
            frame.species[std::size_t(atom)] = speciesOf(token);
            break;
        case Role::SpeciesNumber: {
            need(column);
            long long z = 0;
            if (!text::parseInt(token, z) || z < 0 || z > 118) badToken("an atomic number", column, "Z");
            frame.species[std::size_t(atom)] = int(z);
            break;
        }
        case Role::Positions:
            for (int k = 0; k < 3; ++k) {
                need(column);
                if (!text::parseDouble(token, frame.positions(atom, k))) badToken("a number", column, "pos");
            }
            break;
        case Role::Stored:
            for (int k = 0; k < column.width; ++k) {
                need(column);
                ColumnStore* s = column.store;
                if (!s) continue; // dropped column: still checked for count
                switch (s->spec.type) {
                case 'R': {
                    double v;
                    if (!text::parseDouble(token, v)) badToken("a real number", column, s->spec.name);
                    s->numbers.push_back(v);
                    break;
                }
                case 'I': {
                    long long v;
                    if (!text::parseInt(token, v)) badToken("an integer", column, s->spec.name);
                    s->numbers.push_back(double(v));
                    break;
                }
                case 'L': {
                    bool v;
                    if (!text::parseBool(token, v)) badToken("T or F", column, s->spec.name);
                    s->numbers.push_back(v ? 1.0 : 0.0);
                    break;
                }
                default:
                    if (k == 0) s->labels.emplace_back(token);
                    else s->labels.back().append(" ").append(token);
                }
            }
            break;
        }
    }
    if (text::nextToken(rest, token))
        fail("the line of atom " + std::to_string(atom + 1) + " has more than the " +
             std::to_string(expectedTokens) + " columns the Properties describe");
}

bool ExtxyzParser::readFrame() {
    std::string_view line;
    do {
        if (!lines_.next(line)) return false; // only blank lines left: end of file
    } while (text::isBlank(line));

    const long long n = readAtomCount(line);
    if (!lines_.next(line)) fail("file ends after the atom count: the comment line is missing");
    ExtxyzHeader header;
    try {
        header = parseExtxyzComment(line);
    } catch (const CommentError& e) {
        fail(std::string("comment line: ") + e.what());
    }
    const int tokens = header.tokensPerLine();
    // Refuse absurd counts before allocating: every atom line needs at least 2 bytes per column.
    if (std::size_t(n) > lines_.bytesLeft() / std::size_t(2 * tokens) + 1) {
        const auto linesLeft = std::count(lines_.position(), text_.data() + text_.size(), '\n');
        fail("truncated file: the frame declares " + std::to_string(n) + " atoms but only " +
             std::to_string(linesLeft) + " lines follow");
    }

    Frame frame;
    frame.species.resize(std::size_t(n));
    frame.positions.resize(Eigen::Index(n), 3);
    if (header.lattice) {
        frame.cell = *header.lattice;
        frame.hasCell = true;
    }
    frame.pbc = header.pbc ? *header.pbc : std::array<bool, 3>{frame.hasCell, frame.hasCell, frame.hasCell};
    const auto plan = planColumns(header);
    const bool plain = !header.hasProperties;
    for (long long a = 0; a < n; ++a) {
        if (!lines_.next(line))
            fail("truncated file: the frame declares " + std::to_string(n) + " atoms but the file ends after " +
                 std::to_string(a));
        if (plain) {
            // Plain XYZ: species x y z, extra columns (charges...) ignored as ASE does.
            std::string_view rest = line, t;
            std::string_view head;
            int count = 0;
            const char* stop = line.data();
            while (count < 4 && text::nextToken(rest, t)) {
                ++count;
                stop = t.data() + t.size();
            }
            head = line.substr(0, std::size_t(stop - line.data()));
            parseAtomLine(head, plan, frame, int(a), 4);
        } else {
            parseAtomLine(line, plan, frame, int(a), tokens);
        }
    }
    frame.info = std::move(header.info);
    frames_.push_back(std::move(frame));
    return true;
}

Dataset ExtxyzParser::run(std::vector<std::string>* warnings) {
    if (text::isBlank(text_)) throw InputError(file_, "", "empty file: no frames");
    std::size_t frameCount = 0;
    while (readFrame()) {
        if (++frameCount % 256 == 0) {
            ctx_.throwIfCancelled();
            ctx_.report(double(lines_.position() - text_.data()) / double(text_.size()), "reading " + file_);
        }
    }
    return assembleExtxyz(std::move(frames_), stores_, file_, warnings);
}

} // namespace

Dataset parseExtxyz(std::string_view text, const std::string& fileName, const TaskContext& ctx,
                    std::vector<std::string>* warnings) {
    return ExtxyzParser(text, fileName, ctx).run(warnings);
}

Dataset readExtxyz(const std::string& path, const TaskContext& ctx, std::vector<std::string>* warnings) {
    const std::string bytes = readFileBytes(path);
    requireUtf8(bytes, path);
    return parseExtxyz(bytes, path, ctx, warnings);
}

} // namespace le
