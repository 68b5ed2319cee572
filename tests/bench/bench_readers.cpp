// Reader benchmark: our extxyz reader against ase.io.read(path, ":") on the same files.
//   build/tests/bench_readers [REPEATS] [FILES...]
// Defaults: 5 repeats of ours (best time reported), 2 of ASE, on derived/qm9_6000.extxyz and
// derived/csd-1000r_first500.extxyz from ../shared/data. ASE's time is measured inside
// Python around the read call only (interpreter start-up and imports excluded).
#include <QCoreApplication>
#include <QFile>
#include <QProcess>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "core/io/extxyz_reader.h"

namespace {

double secondsOurs(const std::string& path, long long& atoms) {
    const auto start = std::chrono::steady_clock::now();
    const le::Dataset d = le::readExtxyz(path);
    const auto stop = std::chrono::steady_clock::now();
    atoms = d.atomCount();
    return std::chrono::duration<double>(stop - start).count();
}

// -1 when python3 or ASE is not available.
double secondsAse(const std::string& path) {
    const char* script = "import sys, time, ase.io\n"
                         "t = time.perf_counter(); frames = ase.io.read(sys.argv[1], ':')\n"
                         "print(time.perf_counter() - t, sum(len(a) for a in frames))\n";
    QProcess python;
    python.start(QFile::exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3",
                 {"-c", script, QString::fromStdString(path)});
    if (!python.waitForFinished(600000) || python.exitCode() != 0) return -1;
    return python.readAllStandardOutput().split(' ').value(0).toDouble();
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    int repeats = 5;
    if (!args.isEmpty() && args.front().toInt() > 0) repeats = args.takeFirst().toInt();
    std::vector<std::string> files;
    for (const auto& a : args) files.push_back(a.toStdString());
    if (files.empty())
        files = {LE_SHARED_DIR "/data/derived/qm9_6000.extxyz", LE_SHARED_DIR "/data/derived/csd-1000r_first500.extxyz"};

    std::printf("%-28s %10s %9s %12s %12s %8s\n", "file", "atoms", "MB", "ours (s)", "ASE (s)", "speed-up");
    for (const auto& path : files) {
        long long atoms = 0;
        std::vector<double> ours;
        for (int r = 0; r < repeats; ++r) ours.push_back(secondsOurs(path, atoms));
        const double best = *std::min_element(ours.begin(), ours.end());
        double ase = 1e300;
        for (int r = 0; r < std::max(1, repeats / 2); ++r) {
            const double t = secondsAse(path);
            if (t > 0) ase = std::min(ase, t);
        }
        const double megabytes = double(QFile(QString::fromStdString(path)).size()) / 1e6;
        const std::string name = path.substr(path.find_last_of('/') + 1);
        if (ase > 1e299)
            std::printf("%-28s %10lld %9.1f %12.4f %12s %8s\n", name.c_str(), atoms, megabytes, best, "n/a", "n/a");
        else
            std::printf("%-28s %10lld %9.1f %12.4f %12.3f %7.0fx\n", name.c_str(), atoms, megabytes, best, ase, ase / best);
    }
    return 0;
}
