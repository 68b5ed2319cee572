// `latent-explorer metrics`: one GFRE, GFRD or LFRE value between two .npy feature
// matrices, with scikit-matter's defaults unless told otherwise. Prints one JSON object.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

#include "app/cli/command_registry.h"
#include "app/cli/structure_common.h"
#include "core/io/npy.h"
#include "core/metrics/pair_measures.h"
#include "core/metrics/regression.h"
#include "core/util/error.h"

namespace {

using namespace le;

Measure parseMeasure(const QString& text) {
    if (text == "gfre") return Measure::GFRE;
    if (text == "gfrd") return Measure::GFRD;
    if (text == "lfre") return Measure::LFRE;
    throw InputError("command line", "--measure", "expected gfre, gfrd or lfre, got '" + text.toStdString() + "'");
}

EstimatorSettings estimatorFrom(const cli::Arguments& args) {
    EstimatorSettings e;
    const QString kind = args.value("--estimator", "ridge2fold");
    if (kind == "lstsq") e.kind = EstimatorKind::LeastSquares;
    else if (kind == "ridge") e.kind = EstimatorKind::RidgeFixedAlpha;
    else if (kind != "ridge2fold")
        throw InputError("command line", "--estimator", "expected ridge2fold, lstsq or ridge");
    const QString reg = args.value("--regularization", "cutoff");
    if (reg == "tikhonov") e.regularization = Regularization::Tikhonov;
    else if (reg != "cutoff") throw InputError("command line", "--regularization", "expected cutoff or tikhonov");
    e.fixedAlpha = args.doubleValue("--alpha", e.fixedAlpha, 0.0, 1e300);
    return e;
}

QJsonObject regularizationJson(const MetricSettings& s, Measure m, const PairMeasure& r) {
    const char* names[] = {"Ridge2FoldCV", "least squares", "ridge"};
    QJsonObject o{{"estimator", names[int(s.estimator.kind)]},
                  {"method", s.estimator.regularization == Regularization::Cutoff ? "cutoff" : "tikhonov"}};
    if (m == Measure::LFRE) {
        QJsonObject counts; // alpha → number of test points that chose it
        for (const auto& [alpha, n] : r.chosenAlphaCounts) counts[QString::number(alpha, 'g', 17)] = double(n);
        o["chosen_alpha_counts"] = counts;
    } else {
        o["alpha"] = r.chosenRelativeAlpha;
        o["kept_singular_values"] = double(r.keptSingularValues);
    }
    return o;
}

int runMetrics(const QStringList& rawArgs) {
    const cli::Arguments args = cli::parseArguments(
        rawArgs,
        {"--measure", "--source", "--target", "--k", "--train-idx", "--test-idx", "--pointwise", "--scaler",
         "--estimator", "--regularization", "--alpha"},
        {"--json"});
    if (!args.positional.isEmpty())
        throw InputError("command line", args.positional[0].toStdString(), "unexpected argument (see --help)");
    for (const char* required : {"--measure", "--source", "--target"})
        if (!args.has(required)) throw InputError("command line", required, "is required (see --help)");
    const Measure measure = parseMeasure(args.value("--measure"));
    const std::string sourcePath = args.value("--source").toStdString();
    const std::string targetPath = args.value("--target").toStdString();
    const NpyArray source = readNpy(sourcePath), target = readNpy(targetPath);
    for (const auto& [array, path] : {std::pair{&source, sourcePath}, std::pair{&target, targetPath}})
        if (array->shape.size() != 2 || !array->isNumeric())
            throw InputError(path, "", "expected a 2-D numeric array (rows × features)");
    const MatrixD X = source.toMatrixD(), Y = target.toMatrixD();
    if (X.rows() != Y.rows())
        throw InputError(targetPath, "", "has " + std::to_string(Y.rows()) + " rows but " + sourcePath + " has " +
                                             std::to_string(X.rows()));

    MetricSettings settings;
    settings.estimator = estimatorFrom(args);
    const QString scaler = args.value("--scaler", "flexible");
    if (scaler == "none") settings.scaler = ScalerKind::None;
    else if (scaler != "flexible") throw InputError("command line", "--scaler", "expected flexible or none");
    settings.lfreK = args.intValue("--k", 0, 1, 1 << 30);
    if (args.has("--k") && measure != Measure::LFRE)
        throw InputError("command line", "--k", "only applies to --measure lfre");

    const auto train = cli::indicesFrom(args, "--train-idx"), test = cli::indicesFrom(args, "--test-idx");
    TrainTestSplit split;
    try {
        split = train.empty() && test.empty() ? skmatterDefaultSplit(X.rows()) : explicitSplit(X.rows(), train, test);
    } catch (const ComputeError& e) {
        throw InputError(args.value(args.has("--train-idx") ? "--train-idx" : "--test-idx").toStdString(), "",
                         e.what());
    }
    const PairMeasure r = computePairMeasure(measure, X, Y, split, settings, cli::stderrProgress("metrics"));
    if (args.has("--pointwise")) {
        const std::vector<double> values(r.pointwise.data(), r.pointwise.data() + r.pointwise.size());
        writeNpy(args.value("--pointwise").toStdString(), values);
    }

    QJsonObject out{{"measure", measureName(measure)},
                    {"value", r.value},
                    {"n_train", double(split.train.size())},
                    {"n_test", double(split.test.size())},
                    {"dx", double(X.cols())},
                    {"dy", double(Y.cols())},
                    {"source", QString::fromStdString(sourcePath)},
                    {"target", QString::fromStdString(targetPath)},
                    {"source_dtype", source.dtypeName()},
                    {"target_dtype", target.dtypeName()},
                    {"split", train.empty() && test.empty() ? "skmatter-default" : "explicit"},
                    {"scaler", scaler},
                    {"regularization", regularizationJson(settings, measure, r)}};
    if (measure == Measure::LFRE) out["k"] = double(r.k);
    if (measure == Measure::GFRD && X.cols() > Y.cols())
        out["note"] = "dx > dy: compared in the zero-padded space (scikit-matter raises here)";
    if (args.has("--pointwise")) out["pointwise_file"] = args.value("--pointwise");
    const auto format = args.has("--json") ? QJsonDocument::Compact : QJsonDocument::Indented;
    std::fputs(QJsonDocument(out).toJson(format).constData(), stdout);
    if (format == QJsonDocument::Compact) std::fputc('\n', stdout);
    return 0;
}

} // namespace

LE_REGISTER_COMMAND(
    "metrics", "GFRE, GFRD or LFRE between two feature matrices (.npy), scikit-matter defaults",
    "Usage: latent-explorer metrics --measure gfre|gfrd|lfre --source X.npy --target Y.npy\n"
    "           [--k K] [--train-idx T.npy] [--test-idx S.npy] [--pointwise OUT.npy] [--json]\n"
    "           [--scaler flexible|none] [--estimator ridge2fold|lstsq|ridge]\n"
    "           [--regularization cutoff|tikhonov] [--alpha A]\n\n"
    "Reconstructs the target features from the source features (rows = the same atoms) and\n"
    "prints one JSON object: measure, value, n_train, n_test, k (LFRE), the regularisation\n"
    "chosen. Defaults are scikit-matter's: 50/50 split with seed 0x5F3759DF, StandardFlexible\n"
    "scaler, Ridge2FoldCV (cutoff, relative alphas geomspace(1e-9, 0.9, 20)). LFRE's k\n"
    "defaults to min(dx, dy). Index files are used in the given order; give one and the other\n"
    "is its sorted complement. --pointwise writes the per-test-point values (float64 .npy).\n"
    "--json prints the object on one line. --alpha is the fixed ridge alpha, relative to the\n"
    "largest singular value. Exit code 0 on success, 2 on bad input.",
    runMetrics);
