#include "core/io/extxyz_writer.h"

#include <algorithm>
#include <stdexcept>

#include "core/dataset/elements.h"
#include "core/io/atomic_file.h"
#include "core/io/number_format.h"
#include "core/io/text_scan.h"

namespace le {

namespace {

// One column of the atom lines: a numeric block (R) or text labels (S).
struct OutColumn {
    std::string name;
    const MatrixD* numbers = nullptr;
    const std::vector<std::string>* labels = nullptr;
};

std::string safeName(const std::string& name) {
    std::string out = name.empty() ? "column" : name;
    for (auto& c : out)
        if (text::isSpace(c) || c == ':' || c == '"' || c == '=') c = '_';
    return out;
}

// Text token without whitespace (an S column value must be one token).
std::string safeLabel(const std::string& label) {
    if (label.empty()) return "_";
    std::string out = label;
    for (auto& c : out)
        if (text::isSpace(c)) c = '_';
    return out;
}

// Quotes a key or value when ASE's parser would otherwise split it.
std::string quoted(const std::string& s) {
    if (!s.empty() && s.find_first_of(" \t\"=\\{}") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        out += c == '\n' ? ' ' : c;
    }
    return out + "\"";
}

std::string infoValueText(const InfoValue& v) {
    if (auto d = std::get_if<double>(&v.value)) return formatNumber(*d);
    if (auto s = std::get_if<std::string>(&v.value)) return quoted(*s);
    if (auto dv = std::get_if<std::vector<double>>(&v.value)) {
        std::string out;
        for (double x : *dv) {
            if (!out.empty()) out += ' ';
            appendNumber(out, x);
        }
        return "\"" + out + "\"";
    }
    if (auto sv = std::get_if<std::vector<std::string>>(&v.value)) {
        std::string out = "\"_JSON [";
        for (std::size_t i = 0; i < sv->size(); ++i) {
            if (i) out += ", ";
            out += "\\\"";
            for (char c : (*sv)[i]) out += (c == '"' || c == '\\') ? '_' : c;
            out += "\\\"";
        }
        return out + "]\"";
    }
    const std::string text = v.toString(); // bools T/F, integers, arrays "[a b c]"
    if (v.size() > 1 || text.front() == '[') {
        std::string out(1, '"');
        out.append(text, 1, text.size() - 2);
        out += '"';
        return out;
    }
    return text;
}

} // namespace

std::string formatExtxyz(const Dataset& d, const std::vector<AtomColumn>& extra, const ExtxyzWriteOptions& options,
                         const TaskContext& ctx) {
    std::vector<OutColumn> columns;
    std::vector<std::string> used{"species", "pos"};
    auto addName = [&](std::string name) {
        name = safeName(name);
        std::string candidate = name;
        for (int i = 2; std::find(used.begin(), used.end(), candidate) != used.end(); ++i)
            candidate = name + "_" + std::to_string(i);
        used.push_back(candidate);
        return candidate;
    };
    std::vector<MatrixD> featureCopies;
    if (options.atomFeatures) {
        featureCopies.reserve(d.featureSets().size());
        for (const auto& f : d.featureSets())
            if (f.level == Level::Atom) featureCopies.push_back(f.toDouble());
    }
    if (options.atomProperties)
        for (const auto& p : d.properties())
            if (p.level == Level::Atom)
                columns.push_back({addName(p.name), p.isText ? nullptr : &p.numbers, p.isText ? &p.labels : nullptr});
    if (options.atomFeatures) {
        std::size_t k = 0;
        for (const auto& f : d.featureSets())
            if (f.level == Level::Atom) columns.push_back({addName(f.name), &featureCopies[k++], nullptr});
    }
    for (const auto& c : extra) {
        if (c.values.rows() != d.atomCount())
            throw std::invalid_argument("column '" + c.name + "' has " + std::to_string(c.values.rows()) +
                                        " rows, expected one per atom (" + std::to_string(d.atomCount()) + ")");
        columns.push_back({addName(c.name), &c.values, nullptr});
    }
    std::string properties = "species:S:1:pos:R:3";
    for (const auto& c : columns)
        properties += ":" + c.name + (c.labels ? ":S:1" : ":R:" + std::to_string(c.numbers->cols()));

    std::string out;
    for (Eigen::Index fi = 0; fi < d.frameCount(); ++fi) {
        if (fi % 256 == 0) {
            ctx.throwIfCancelled();
            ctx.report(double(fi) / double(d.frameCount()), "writing extxyz");
        }
        const Frame& f = d.frames()[std::size_t(fi)];
        out += std::to_string(f.atomCount()) + "\n";
        if (f.hasCell) {
            out += "Lattice=\"";
            for (int k = 0; k < 9; ++k) {
                if (k) out += ' ';
                appendNumber(out, f.cell(k / 3, k % 3));
            }
            out += "\" ";
        }
        out += "Properties=" + properties;
        if (options.info)
            for (const auto& [key, value] : f.info)
                if (key != "comment") {
                    out += ' ';
                    out += quoted(key);
                    out += '=';
                    out += infoValueText(value);
                }
        out += std::string(" pbc=\"") + (f.pbc[0] ? "T" : "F") + (f.pbc[1] ? " T" : " F") + (f.pbc[2] ? " T" : " F") + "\"\n";
        const Eigen::Index offset = d.offsets()[std::size_t(fi)];
        for (int a = 0; a < f.atomCount(); ++a) {
            out += elementSymbol(f.species[std::size_t(a)]);
            for (int k = 0; k < 3; ++k) {
                out += ' ';
                appendNumber(out, f.positions(a, k));
            }
            for (const auto& c : columns) {
                if (c.labels) {
                    out += ' ';
                    out += safeLabel((*c.labels)[std::size_t(offset + a)]);
                    continue;
                }
                for (Eigen::Index k = 0; k < c.numbers->cols(); ++k) {
                    out += ' ';
                    appendNumber(out, (*c.numbers)(offset + a, k));
                }
            }
            out += '\n';
        }
    }
    return out;
}

void writeExtxyz(const std::string& path, const Dataset& d, const std::vector<AtomColumn>& extra,
                 const ExtxyzWriteOptions& options, const TaskContext& ctx) {
    writeFileAtomically(path, formatExtxyz(d, extra, options, ctx));
}

} // namespace le
