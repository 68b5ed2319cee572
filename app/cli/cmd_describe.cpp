// `latent-explorer describe STRUCTURES [--soap OPTS] [--acsf OPTS] --out F.npy`: built-in
// reference descriptors (SOAP power spectrum, ACSF), one row per atom in file order. Several
// descriptors are concatenated column-wise in the order given.
#include <chrono>
#include <cstdio>
#include <mutex>

#include "app/cli/command_registry.h"
#include "core/descriptors/descriptor_spec.h"
#include "core/io/loader.h"
#include "core/io/npy.h"

namespace {

int usageError(const QString& message) {
    std::fprintf(stderr, "latent-explorer describe: %s\n", qPrintable(message));
    return 2;
}

// Progress on stderr, at most one line per 10 % step.
le::TaskContext progressContext() {
    le::TaskContext ctx;
    auto last = std::make_shared<int>(-1);
    auto mutex = std::make_shared<std::mutex>();
    ctx.progress = [last, mutex](double fraction, std::string_view message) {
        std::lock_guard lock(*mutex);
        const int step = int(fraction * 10);
        if (step == *last) return;
        *last = step;
        std::fprintf(stderr, "%3d %% %.*s\n", step * 10, int(message.size()), message.data());
    };
    return ctx;
}

int runDescribe(const QStringList& args) {
    std::vector<le::DescriptorSpec> specs;
    QString structures, out;
    bool float32 = false;
    for (int i = 0; i < args.size(); ++i) {
        const QString& a = args[i];
        auto value = [&]() -> QString { return i + 1 < args.size() ? args[++i] : QString(); };
        if (a == "--soap" || a == "--acsf") {
            const QString opts = value();
            if (opts.startsWith("--")) return usageError(a + " needs options, e.g. " + a + " r_cut=5");
            specs.push_back(le::parseDescriptorOptions(
                a == "--soap" ? le::DescriptorKind::Soap : le::DescriptorKind::Acsf, opts.toStdString()));
        } else if (a == "--out" || a == "-o") {
            out = value();
        } else if (a == "--float32") {
            float32 = true;
        } else if (a.startsWith("-")) {
            return usageError("unknown option " + a);
        } else if (structures.isEmpty()) {
            structures = a;
        } else {
            return usageError("only one structure file, got also " + a);
        }
    }
    if (structures.isEmpty()) return usageError("give a structure file (.xyz/.extxyz, chemiscope .json)");
    if (out.isEmpty()) return usageError("give the output file with --out F.npy");
    if (!out.endsWith(".npy", Qt::CaseInsensitive)) return usageError("--out must name a .npy file");
    if (specs.empty()) specs.push_back(le::parseDescriptorSpec("soap"));

    const le::Dataset data = le::loadDataset({structures.toStdString()});
    if (data.atomCount() == 0) return usageError(structures + ": no atoms");
    const auto start = std::chrono::steady_clock::now();
    const le::TaskContext ctx = progressContext();
    std::vector<le::MatrixD> blocks;
    Eigen::Index columns = 0;
    for (std::size_t k = 0; k < specs.size(); ++k) {
        const double n = double(specs.size());
        blocks.push_back(le::computeDescriptor(data.frames(), specs[k], ctx.subRange(k / n, (k + 1) / n)));
        columns += blocks.back().cols();
    }
    // centres= and pool= change the rows; concatenated descriptors must agree on them.
    for (const auto& b : blocks)
        if (b.rows() != blocks.front().rows())
            return usageError("the descriptors select different rows (centres/pool differ), so they "
                              "cannot be concatenated; write them to separate files");
    le::MatrixD all;
    if (blocks.size() == 1) {
        all = std::move(blocks.front()); // no copy of what may be gigabytes
    } else {
        all.resize(blocks.front().rows(), columns);
        Eigen::Index col = 0;
        for (const auto& b : blocks) {
            all.middleCols(col, b.cols()) = b;
            col += b.cols();
        }
    }
    if (float32) le::writeNpy(out.toStdString(), le::MatrixF(all.cast<float>()));
    else le::writeNpy(out.toStdString(), all);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

    std::printf("structures: %s (%lld frames, %lld atoms)\n", qPrintable(structures),
                (long long)data.frameCount(), (long long)data.atomCount());
    Eigen::Index col = 0;
    for (std::size_t k = 0; k < specs.size(); ++k) {
        const Eigen::Index width = blocks.size() == 1 ? all.cols() : blocks[k].cols();
        std::printf("columns %lld-%lld: %s\n", (long long)col, (long long)(col + width - 1),
                    specs[k].text().c_str());
        col += width;
    }
    std::printf("wrote %s: %lld x %lld %s (%.2f s)\n", qPrintable(out), (long long)all.rows(),
                (long long)all.cols(), float32 ? "float32" : "float64", seconds);
    return 0;
}

} // namespace

LE_REGISTER_COMMAND(
    "describe", "compute built-in reference descriptors (SOAP, ACSF) per atom into a .npy",
    "Usage: latent-explorer describe STRUCTURES [--soap OPTS] [--acsf OPTS] --out F.npy [--float32]\n\n"
    "Writes one row per atom, in file order (frame by frame), to F.npy (float64 unless --float32);\n"
    "centres=C keeps the rows of carbon atoms only, pool=mean writes one row per structure.\n"
    "Several --soap/--acsf options are concatenated column-wise in the order given; with none,\n"
    "SOAP with default options is computed. OPTS is a comma-separated key=value list:\n"
    "  --soap n_max=8,l_max=6,r_cut=5,sigma=0.3,cutoff_width=0.5,normalize=true,species=H/C/O\n"
    "  --acsf r_cut=6,n_radial=8,r_start=0.5,angular=true,eta_angular=0.005,zetas=1/2/4/16\n"
    "Both accept centres=ELEMENTS (e.g. C or C/O) and pool=mean.\n"
    "Species channels default to all elements present in STRUCTURES. Distances in Å.\n"
    "Progress goes to stderr. Exit code 0 on success, 2 on bad input or options.",
    runDescribe);
