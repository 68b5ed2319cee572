#include "core/io/extxyz_reader.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <exception>
#include <memory>
#include <mutex>
#include <system_error>
#include <thread>

#include "core/io/extxyz_assemble.h"
#include "core/io/extxyz_atoms.h"
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

// Pass 1 reads the count and comment line of every frame, skips its atom lines (newlines
// counted 64 bytes at a time) and checks UTF-8; pass 2 parses the atom lines, frames on
// two threads.
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
    bool scanFrame();
    long long readAtomCount(std::string_view line);
    std::vector<ColumnPlan> planColumns(const ExtxyzHeader& header);
    void allocateColumns(long long atoms);
    void parseAllAtoms();

    std::string_view text_;
    const std::string& file_;
    const TaskContext& ctx_;
    text::LineReader lines_;
    std::vector<Frame> frames_;
    std::vector<FrameLayout> layouts_;
    std::vector<std::unique_ptr<ColumnStore>> stores_;
    long long atoms_ = 0;
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
    const bool hasSpeciesColumn = std::any_of(header.columns.begin(), header.columns.end(), [](const ColumnSpec& c) {
        return c.name == "species" && c.type == 'S' && c.width == 1;
    });
    bool haveSpecies = false;
    for (const auto& spec : header.columns) {
        if (!haveSpecies && spec.width == 1 &&
            ((spec.name == "species" && spec.type == 'S') || (!hasSpeciesColumn && spec.name == "Z" && spec.type == 'I'))) {
            plan.push_back({spec.type == 'S' ? ColumnRole::SpeciesSymbol : ColumnRole::SpeciesNumber, nullptr, 1});
            haveSpecies = true;
            continue;
        }
        if (spec.name == "pos" && spec.type == 'R' && spec.width == 3) {
            plan.push_back({ColumnRole::Positions, nullptr, 3});
            continue;
        }
        auto it = std::find_if(stores_.begin(), stores_.end(), [&](const auto& s) { return s->spec.name == spec.name; });
        ColumnStore* store;
        if (it == stores_.end()) {
            stores_.push_back(std::make_unique<ColumnStore>());
            store = stores_.back().get();
            store->spec = spec;
            store->consistent = frames_.empty(); // a column that appears after frame 1 cannot cover every atom
        } else {
            store = it->get();
            if (store->spec.type != spec.type || store->spec.width != spec.width) store->consistent = false;
        }
        ++store->framesSeen;
        plan.push_back({ColumnRole::Stored, store, spec.width});
    }
    return plan;
}

bool ExtxyzParser::scanFrame() {
    std::string_view line;
    do {
        if (!lines_.next(line)) return false; // only blank lines left: end of file
    } while (text::isBlank(line)); // blank lines are ASCII: nothing to check

    // UTF-8 is checked here, piece by piece while the bytes are in cache, not in a pass of
    // its own over the whole file; every byte belongs to one of the pieces checked.
    requireUtf8(line, file_, lines_.lineNumber() - 1);
    const long long n = readAtomCount(line);
    if (!lines_.next(line)) fail("file ends after the atom count: the comment line is missing");
    requireUtf8(line, file_, lines_.lineNumber() - 1);
    ExtxyzHeader header;
    try {
        header = parseExtxyzComment(line);
    } catch (const CommentError& e) {
        fail(std::string("comment line: ") + e.what());
    }
    FrameLayout layout;
    layout.tokensPerLine = header.tokensPerLine();
    // Refuse absurd counts before allocating: every atom line needs at least 2 bytes per column.
    if (std::size_t(n) > lines_.bytesLeft() / (2 * std::size_t(layout.tokensPerLine)) + 1) {
        const auto linesLeft = std::count(lines_.position(), text_.data() + text_.size(), '\n');
        fail("truncated file: the frame declares " + std::to_string(n) + " atoms but only " +
             std::to_string(linesLeft) + " lines follow");
    }
    layout.lineBefore = lines_.lineNumber();
    layout.atomCount = n;
    layout.firstAtom = atoms_;
    layout.plainXyz = !header.hasProperties;
    layout.plan = planColumns(header);
    const char* begin = lines_.position();
    if (const long long skipped = lines_.skip(n); skipped < n)
        fail("truncated file: the frame declares " + std::to_string(n) + " atoms but the file ends after " +
             std::to_string(skipped));
    layout.atomText = std::string_view(begin, std::size_t(lines_.position() - begin));
    requireUtf8(layout.atomText, file_, layout.lineBefore);
    layout.textBegin = text_.data();
    layout.textEnd = text_.data() + text_.size();

    Frame frame;
    if (header.lattice) {
        frame.cell = *header.lattice;
        frame.hasCell = true;
    }
    frame.pbc = header.pbc ? *header.pbc : std::array<bool, 3>{frame.hasCell, frame.hasCell, frame.hasCell};
    frame.info = std::move(header.info);
    // Sized here, in one thread: allocating in the parsing threads costs more (a malloc
    // arena per thread, frees across arenas).
    frame.species.resize(std::size_t(n));
    frame.positions.resize(Eigen::Index(n), 3);
    frames_.push_back(std::move(frame));
    layouts_.push_back(std::move(layout));
    atoms_ += n;
    return true;
}

void ExtxyzParser::allocateColumns(long long atoms) {
    const auto frameCount = (long long)frames_.size();
    for (auto& s : stores_) {
        s->keep = s->consistent && s->framesSeen == frameCount;
        if (!s->keep) continue;
        if (s->spec.type == 'S') s->labels.resize(std::size_t(atoms));
        else s->numbers.resize(Eigen::Index(atoms), s->spec.width);
    }
    for (auto& layout : layouts_)
        for (auto& column : layout.plan)
            if (column.store && !column.store->keep) column.store = nullptr;
}

void ExtxyzParser::parseAllAtoms() {
    const auto count = (long long)frames_.size();
    std::mutex errorMutex;
    long long errorFrame = count;
    std::exception_ptr error;
    std::atomic<bool> stop{false};
    std::atomic<long long> nextFrame{0}, done{0};
    // Workers take batches of frames from a shared counter until none is left. Plain
    // threads joined by blocking, not an OpenMP team: a waiting thread sleeps instead of
    // spinning, so a second core shortens the wall time without adding CPU time.
    auto work = [&] {
        constexpr long long batch = 16;
        for (long long first; !stop.load(std::memory_order_relaxed) && (first = nextFrame.fetch_add(batch)) < count;) {
            for (long long f = first; f < std::min(first + batch, count); ++f) {
                try {
                    parseFrameAtoms(layouts_[std::size_t(f)], frames_[std::size_t(f)], file_, f);
                } catch (...) {
                    std::lock_guard<std::mutex> lock(errorMutex);
                    if (f < errorFrame) errorFrame = f, error = std::current_exception();
                    stop = true; // frames after the first bad one no longer matter
                }
            }
            if (ctx_.isCancelled()) stop = true;
            const long long d = done += batch;
            if (d % 512 == 0) ctx_.report(0.5 + 0.5 * double(std::min(d, count)) / double(count), "reading " + file_);
        }
    };
    // A helper thread only when there is enough to share (starting one costs ~50 µs).
    const bool helper = atoms_ >= 20000 && count >= 2 && std::thread::hardware_concurrency() > 1;
    std::thread second;
    if (helper) {
        try {
            second = std::thread(work);
        } catch (const std::system_error&) { // no thread to be had: this one does it all
        }
    }
    work();
    if (second.joinable()) second.join();
    ctx_.throwIfCancelled();
    if (error) std::rethrow_exception(error); // the error of the first bad frame
}

Dataset ExtxyzParser::run(std::vector<std::string>* warnings) {
    if (text::isBlank(text_)) throw InputError(file_, "", "empty file: no frames");
    while (scanFrame()) {
        if (frames_.size() % 1024 == 0) {
            ctx_.throwIfCancelled();
            ctx_.report(0.5 * double(lines_.position() - text_.data()) / double(text_.size()), "reading " + file_);
        }
    }
    allocateColumns(atoms_);
    parseAllAtoms();
    return assembleExtxyz(std::move(frames_), stores_, file_, warnings);
}

} // namespace

Dataset parseExtxyz(std::string_view text, const std::string& fileName, const TaskContext& ctx,
                    std::vector<std::string>* warnings) {
    return ExtxyzParser(withoutUtf8Bom(text), fileName, ctx).run(warnings);
}

Dataset readExtxyz(const std::string& path, const TaskContext& ctx, std::vector<std::string>* warnings) {
    const FileBuffer bytes = readFileBuffer(path);
    return parseExtxyz(bytes.view(), path, ctx, warnings); // checks UTF-8 as it goes
}

} // namespace le
