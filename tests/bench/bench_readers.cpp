// Reader benchmark: our extxyz reader against ase.io.read(path, ":") on the same files.
//   build/tests/bench_readers [--no-ase] [REPEATS] [FILES...]
// Defaults: 5 repeats of ours, 2 of ASE (best of each reported), on derived/qm9_6000.extxyz
// and derived/csd-1000r_first500.extxyz from ../shared/data. ASE's time is measured inside
// Python around the read call only (interpreter start-up and imports excluded). Both wall
// time and CPU time are printed: on a busy machine the CPU time ratio is the stable one
// (ASE is single-threaded; ours parses atom lines on a second thread for large files,
// which shortens its wall time when a core is free but adds to its CPU time, if anything).
// --no-ase: time ours only (for profiling).
#include <QCoreApplication>
#include <QFile>
#include <QProcess>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <string>
#include <vector>

#include "core/io/extxyz_reader.h"

namespace {

struct Timing {
    double wall = 1e300, cpu = 1e300; // best over the repeats
    void add(double w, double c) {
        wall = std::min(wall, w);
        cpu = std::min(cpu, c);
    }
    bool valid() const { return wall < 1e299; }
};

void timeOurs(const std::string& path, long long& atoms, Timing& t) {
    const auto start = std::chrono::steady_clock::now();
    const std::clock_t cpuStart = std::clock();
    const le::Dataset d = le::readExtxyz(path);
    const double cpu = double(std::clock() - cpuStart) / CLOCKS_PER_SEC;
    const auto stop = std::chrono::steady_clock::now();
    atoms = d.atomCount();
    t.add(std::chrono::duration<double>(stop - start).count(), cpu);
}

// Leaves `t` invalid when python3 or ASE is not available.
void timeAse(const std::string& path, Timing& t) {
    const char* script = "import sys, time, ase.io\n"
                         "w, c = time.perf_counter(), time.process_time()\n"
                         "frames = ase.io.read(sys.argv[1], ':')\n"
                         "print(time.perf_counter() - w, time.process_time() - c)\n";
    QProcess python;
    python.start(QFile::exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3",
                 {"-c", script, QString::fromStdString(path)});
    if (!python.waitForFinished(600000) || python.exitCode() != 0) return;
    const auto fields = python.readAllStandardOutput().trimmed().split(' ');
    if (fields.size() == 2) t.add(fields[0].toDouble(), fields[1].toDouble());
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    const bool withAse = !args.removeAll("--no-ase"); // --no-ase: ours only (for profiling)
    int repeats = 5;
    if (!args.isEmpty() && args.front().toInt() > 0) repeats = args.takeFirst().toInt();
    std::vector<std::string> files;
    for (const auto& a : args) files.push_back(a.toStdString());
    if (files.empty())
        files = {LE_SHARED_DIR "/data/derived/qm9_6000.extxyz", LE_SHARED_DIR "/data/derived/csd-1000r_first500.extxyz"};

    std::printf("%-27s %7s %5s | %-17s | %-17s | %s\n", "", "", "", "ours: wall   cpu", "ASE: wall   cpu",
                "speed-up wall  cpu");
    for (const auto& path : files) {
        long long atoms = 0;
        Timing ours, ase;
        for (int r = 0; r < repeats; ++r) timeOurs(path, atoms, ours);
        for (int r = 0; withAse && r < std::max(1, repeats / 2); ++r) timeAse(path, ase);
        const double megabytes = double(QFile(QString::fromStdString(path)).size()) / 1e6;
        const std::string name = path.substr(path.find_last_of('/') + 1);
        std::printf("%-27s %7lld %4.1fM | %7.4fs %7.4fs | ", name.c_str(), atoms, megabytes, ours.wall, ours.cpu);
        if (!withAse) std::printf("(ASE not run)\n");
        else if (!ase.valid()) std::printf("(python3 with ASE not found)\n");
        else
            std::printf("%6.3fs %6.3fs | %7.0fx %5.0fx\n", ase.wall, ase.cpu, ase.wall / ours.wall,
                        ase.cpu / std::max(ours.cpu, 1e-6));
    }
    return 0;
}
