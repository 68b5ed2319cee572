// Peak memory and wall time of `latent-explorer compare` as a user runs it (issue #17):
// writes a structure file and float32 feature files of the sizes given, runs the command as
// a child process and reports the child's peak resident set (ru_maxrss) and wall time, next to
// the size of the feature files on disk.
//
//   bench_memory [--rows N] [--test T] [--dims 128,256,512,1024] [--measures gfre,gfrd,lfre]
//                [--no-diagonal] [--dir DIR] [--np P] [--exe PATH]
//
// Defaults (20 000 rows, 40 test rows, d = 128,256,512,1024): 1–2 min on an idle 2-core machine (the
// diagonal LFRE at k = 1024 dominates; several minutes under load). The
// issue's full size: --rows 200000 --test 1000 (1.5 GB of features; about 18 minutes).
// With --np P the command runs under `mpirun -np P` (a build with MPI; each rank's peak RSS is
// printed by /usr/bin/time when installed, the reported one is the largest); --exe runs another
// build of latent-explorer (e.g. an older one, for a before/after comparison).
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "core/dataset/dataset.h"
#include "core/io/extxyz_writer.h"
#include "core/io/npy.h"

using namespace le;

namespace {

struct Options {
    long long rows = 20000, test = 40;
    std::vector<int> dims{128, 256, 512, 1024};
    std::string measures = "gfre,gfrd,lfre";
    bool noDiagonal = false;
    QString dir;
    int ranks = 0;
    std::string executable = LE_EXECUTABLE;
};

// Carbon atoms in frames of 100 at random positions: the structure file only has to match the rows.
void writeStructures(const std::string& path, long long atoms) {
    Dataset d;
    std::mt19937_64 rng(7);
    std::uniform_real_distribution<double> coordinate(0.0, 20.0);
    for (long long first = 0; first < atoms; first += 100) {
        Frame f;
        const int n = int(std::min<long long>(100, atoms - first));
        f.species.assign(std::size_t(n), 6);
        f.positions = Positions(n, 3);
        for (Eigen::Index i = 0; i < f.positions.size(); ++i) f.positions.data()[i] = coordinate(rng);
        d.addFrame(std::move(f));
    }
    writeExtxyz(path, d);
}

// One feature set: a smooth map of a shared 8-dimensional latent row (clusters) plus noise,
// float32, so that the sets are related but not linearly equivalent.
MatrixF featureSet(const Eigen::MatrixXd& latent, int dim, unsigned seed) {
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> normal;
    Eigen::MatrixXd a(latent.cols(), 48), b(48, dim);
    for (Eigen::Index i = 0; i < a.size(); ++i) a.data()[i] = normal(rng) / 3.0;
    for (Eigen::Index i = 0; i < b.size(); ++i) b.data()[i] = normal(rng) / 7.0;
    MatrixF out(latent.rows(), dim);
    const long long block = 4096;
    for (long long r = 0; r < latent.rows(); r += block) {
        const long long n = std::min(block, (long long)latent.rows() - r);
        Eigen::MatrixXd f = (latent.middleRows(r, n) * a).array().sin().matrix() * b;
        for (Eigen::Index i = 0; i < f.size(); ++i) f.data()[i] += 0.01 * normal(rng);
        out.middleRows(r, n) = f.cast<float>();
    }
    return out;
}

std::vector<int> parseDims(const QString& text) {
    std::vector<int> dims;
    for (const QString& part : text.split(',')) dims.push_back(part.toInt());
    return dims;
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    Options o;
    const QStringList args = app.arguments();
    for (int i = 1; i < args.size(); ++i) {
        const QString& a = args[i];
        const QString next = i + 1 < args.size() ? args[i + 1] : QString();
        if (a == "--rows") o.rows = next.toLongLong(), ++i;
        else if (a == "--test") o.test = next.toLongLong(), ++i;
        else if (a == "--dims") o.dims = parseDims(next), ++i;
        else if (a == "--measures") o.measures = next.toStdString(), ++i;
        else if (a == "--dir") o.dir = next, ++i;
        else if (a == "--np") o.ranks = next.toInt(), ++i;
        else if (a == "--exe") o.executable = next.toStdString(), ++i;
        else if (a == "--no-diagonal") o.noDiagonal = true;
        else {
            std::fprintf(stderr, "unknown argument %s (see the comment at the top of bench_memory.cpp)\n", qPrintable(a));
            return 2;
        }
    }
    QTemporaryDir temporary;
    const QString dir = o.dir.isEmpty() ? temporary.path() : o.dir;
    QDir().mkpath(dir);
    const std::string structures = QDir(dir).filePath("structures.extxyz").toStdString();
    writeStructures(structures, o.rows);
    Eigen::MatrixXd latent(o.rows, 8);
    {
        std::mt19937_64 rng(11);
        std::normal_distribution<double> normal;
        Eigen::MatrixXd centres(20, 8);
        for (Eigen::Index i = 0; i < centres.size(); ++i) centres.data()[i] = 3.0 * normal(rng);
        for (long long r = 0; r < o.rows; ++r)
            latent.row(r) = centres.row(long(rng() % 20)) + Eigen::RowVectorXd::NullaryExpr(8, [&] { return normal(rng); });
    }
    std::vector<std::string> command;
    if (o.ranks > 0) {
        command = {"mpirun", "--allow-run-as-root", "--oversubscribe", "-np", std::to_string(o.ranks)};
        // Every rank's own peak (ru_maxrss below is the largest of them) when GNU time is there.
        if (access("/usr/bin/time", X_OK) == 0) command.insert(command.end(), {"/usr/bin/time", "-f", "rank peak RSS %M KiB"});
    }
    command.insert(command.end(), {o.executable, "compare", structures});
    double featureBytes = 0;
    for (std::size_t m = 0; m < o.dims.size(); ++m) {
        const std::string path = QDir(dir).filePath(QString("d%1.npy").arg(o.dims[m])).toStdString();
        writeNpy(path, featureSet(latent, o.dims[m], unsigned(100 + m)));
        featureBytes += double(o.rows) * o.dims[m] * 4.0;
        command.push_back(path);
    }
    latent.resize(0, 0);
    const std::string out = QDir(dir).filePath("result.json").toStdString();
    command.insert(command.end(), {"--measures", o.measures, "--test-size", std::to_string(o.test), "--out", out});
    if (o.noDiagonal) command.push_back("--no-diagonal");

    std::string shown;
    for (const auto& c : command) shown += c + ' ';
    std::printf("command: %s\n", shown.c_str());
    std::fflush(stdout);
    QElapsedTimer clock;
    clock.start();
    const pid_t child = fork();
    if (child == 0) {
        std::vector<char*> argvChild;
        for (auto& c : command) argvChild.push_back(c.data());
        argvChild.push_back(nullptr);
        execvp(argvChild[0], argvChild.data());
        std::perror("exec");
        _exit(127);
    }
    int status = 0;
    waitpid(child, &status, 0);
    rusage usage{};
    getrusage(RUSAGE_CHILDREN, &usage); // the largest of the waited-for descendants (mpirun's ranks too)
    const double wall = double(clock.elapsed()) / 1000.0;
    // ru_maxrss is in KiB on Linux.
    const double peak = double(usage.ru_maxrss) * 1024.0;
    std::printf("rows %lld, test %lld, dims", o.rows, o.test);
    for (int d : o.dims) std::printf(" %d", d);
    std::printf("\nexit status %d\nfeature files %.3f GB\npeak RSS %.3f GB%s (%.2f x the feature files)\nwall %.1f s\n",
                WIFEXITED(status) ? WEXITSTATUS(status) : -1, featureBytes / 1e9, peak / 1e9,
                o.ranks > 0 ? " (the largest rank)" : "", peak / featureBytes, wall);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
}
