// RegressionPlan's shortcuts give the numbers of the plain computation:
//  * FoldRows::Arranged (rows put fold by fold, then reduced to their LQ triangle, as an LFRE
//    local fit does) chooses the same alpha and predicts the same row as the shuffled KFold
//    folds on the unreduced rows;
//  * a RowsOnly plan (factored SVD, dlalsd's truncated solve) predicts what the explicit
//    weight matrix W of a Matrix plan predicts, including for wide folds (fewer rows than
//    columns, reduced by LQ inside the plan);
//  * a Matrix plan whose folds are tall (each fold kept as its Householder QR, all SVDs of
//    d × d triangles, the CV losses from Qᵀ Y) chooses the alpha and gives the weights and
//    XᵀX W of the plain computation on the rows themselves.
// The data are ill-conditioned on purpose (singular values from 1 down to 1e-12).
#include <QtTest>

#include <random>
#include <set>

#include <Eigen/QR>
#include <Eigen/SVD>

#include "core/metrics/regression.h"
#include "core/metrics/splits.h"

#include "helpers/regression_problem.h"

using namespace le;
using namespace le::test;

namespace {

double predict(const RegressionPlan& plan, const Eigen::MatrixXd& Y, const Eigen::RowVectorXd& x, int column,
               double* relativeAlpha) {
    const RegressionPlan::AlphaChoice choice = plan.chooseAlpha(Y);
    *relativeAlpha = choice.relative;
    return plan.rowWeights(x, choice).dot(Y.col(column));
}

} // namespace

class TestRegressionPlan : public QObject {
    Q_OBJECT
private slots:
    void arrangedFoldsEqualShuffledFolds() {
        for (auto [k, d] : {std::pair{40, 90}, std::pair{41, 64}, std::pair{16, 200}}) {
            const Problem p = makeProblem(k, d, 12, unsigned(k * d));
            const EstimatorSettings settings; // Ridge2FoldCV, cutoff, the default alpha grid
            const RegressionPlan plain(p.X, settings, d, FinalFitForm::RowsOnly, FoldRows::KFold);

            // Arrange the rows fold by fold and reduce them: X_arranged = L Q₁ᵀ.
            const TwoFolds folds = twoFoldPositions(k);
            std::vector<long long> order(folds.fold1);
            order.insert(order.end(), folds.fold2.begin(), folds.fold2.end());
            const Eigen::MatrixXd arranged = p.X(order, Eigen::all);
            const Eigen::HouseholderQR<Eigen::MatrixXd> qr(arranged.transpose());
            const Eigen::MatrixXd L =
                qr.matrixQR().topRows(k).triangularView<Eigen::Upper>().toDenseMatrix().transpose();
            const Eigen::MatrixXd Q1 = qr.householderQ() * Eigen::MatrixXd::Identity(d, k);
            QVERIFY((L * Q1.transpose() - arranged).norm() < 1e-13);
            const RegressionPlan reduced(L, settings, d, FinalFitForm::RowsOnly, FoldRows::Arranged);

            // Each target column alone: one alpha decision each, so a fold holding other rows
            // than KFold's would show up as a different choice for some of them.
            std::set<double> alphasSeen;
            for (int column = 0; column < 12; ++column) {
                const Eigen::MatrixXd y = p.Y.col(column);
                double alphaPlain = 0.0, alphaReduced = 0.0;
                const double a = predict(plain, y, p.x, 0, &alphaPlain);
                const double b = predict(reduced, y(order, Eigen::all), p.x * Q1, 0, &alphaReduced);
                QCOMPARE(alphaReduced, alphaPlain);
                alphasSeen.insert(alphaPlain);
                QVERIFY2(std::abs(a - b) <= 1e-9 * std::abs(a) + 1e-12,
                         qPrintable(QString("k %1, d %2: %3 vs %4").arg(k).arg(d).arg(a, 0, 'g', 17).arg(b, 0, 'g', 17)));
            }
            // The CV's choice depends on the target here (not always the same alpha).
            QVERIFY(alphasSeen.size() >= 3);
        }
    }

    void factoredPredictionEqualsExplicitWeights() {
        // Tall (k > d: folds may be wide) and wide shapes, default estimator and least squares.
        // Least squares keeps every singular value above 1e-12·s_max, so its data span 6
        // decades only (its answer is as ill-conditioned as the spectrum it keeps).
        for (auto [k, d] : {std::pair{60, 40}, std::pair{30, 80}}) {
            for (EstimatorKind kind : {EstimatorKind::Ridge2FoldCV, EstimatorKind::LeastSquares}) {
                const Problem p = makeProblem(k, d, 3, unsigned(7 * k + d), kind == EstimatorKind::LeastSquares ? 6.0 : 12.0);
                EstimatorSettings settings;
                settings.kind = kind;
                const RegressionPlan matrix(p.X, settings, d, FinalFitForm::Matrix);
                const RegressionPlan rows(p.X, settings, d, FinalFitForm::RowsOnly);
                const RegressionSolution solution = matrix.solve(p.Y);
                const Eigen::RowVectorXd expected = p.x * solution.W;
                const RegressionPlan::AlphaChoice choice = rows.chooseAlpha(p.Y);
                QCOMPARE(choice.relative, solution.relativeAlpha);
                const Eigen::RowVectorXd ours = rows.rowWeights(p.x, choice).transpose() * p.Y;
                QVERIFY2((ours - expected).norm() <= 1e-9 * expected.norm(),
                         qPrintable(QString("k %1, d %2: difference %3 of %4")
                                        .arg(k).arg(d).arg((ours - expected).norm()).arg(expected.norm())));
            }
        }
    }

    void tallFoldsReducedByQrEqualPlainFolds() {
        // Folds of 200 (and 201) rows for 30 columns: the Matrix plan takes the QR route, the
        // RowsOnly plan runs dgesdd on the fold rows and bidiagonalises X itself.
        for (auto [k, d] : {std::pair{400, 30}, std::pair{401, 60}}) {
            const Problem p = makeProblem(k, d, 12, unsigned(3 * k + d));
            const EstimatorSettings settings;
            const RegressionPlan reduced(p.X, settings, d, FinalFitForm::Matrix);
            const RegressionPlan plain(p.X, settings, d, FinalFitForm::RowsOnly);
            // Each column alone, then blocks of columns (the score averages per-column RMSEs,
            // so a block also checks how each column's loss is weighed).
            std::vector<std::vector<int>> targetSets;
            for (int column = 0; column < 12; ++column) targetSets.push_back({column});
            targetSets.push_back({0, 11});
            targetSets.push_back({0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11});
            // Plus a column that X reproduces exactly (no part outside any fold's span) next
            // to the noisiest one: the outside part then weighs differently per column.
            Eigen::MatrixXd Y(k, 13);
            Y << p.Y, p.X * Eigen::VectorXd::LinSpaced(d, -1.0, 1.0);
            targetSets.push_back({12, 11});
            targetSets.push_back({12, 10});
            targetSets.push_back({12, 9});
            targetSets.push_back({12, 8});
            std::set<double> alphasSeen;
            for (const std::vector<int>& columns : targetSets) {
                const Eigen::MatrixXd y = Y(Eigen::all, columns);
                const RegressionSolution solution = reduced.solve(y);
                const RegressionPlan::AlphaChoice choice = plain.chooseAlpha(y);
                QCOMPARE(solution.relativeAlpha, choice.relative);
                alphasSeen.insert(choice.relative);
                const Eigen::VectorXd weights = plain.rowWeights(p.x, choice);
                for (Eigen::Index c = 0; c < y.cols(); ++c) {
                    // Against the same fit in long double: a backward-stable route may be off
                    // by ~eps · κ of the terms' scale, κ ≤ 1/alpha the condition of the kept
                    // spectrum (up to 1e9 here; both routes were seen 1e-10 to 1e-9 off for
                    // alpha 1e-7).
                    const LongDoubleFit fit = longDoublePrediction(p.X, y.col(c), p.x, solution.absoluteAlpha);
                    const long double truth = fit.prediction;
                    const double ours = (p.x * solution.W.col(c))(0), expected = weights.dot(y.col(c));
                    const double bound = (1e-15 / solution.relativeAlpha + 1e-13) * double(fit.scale);
                    QVERIFY2(double(std::abs(ours - truth)) <= bound && double(std::abs(expected - truth)) <= bound,
                             qPrintable(QString("k %1, d %2, column %3: %4 (QR route), %5 (plain) against %6")
                                            .arg(k).arg(d).arg(columns[std::size_t(c)]).arg(ours, 0, 'g', 17)
                                            .arg(expected, 0, 'g', 17).arg(double(truth), 0, 'g', 17)));
                }
                const Eigen::MatrixXd gram = p.X.transpose() * (p.X * solution.W);
                QVERIFY((reduced.gramTimes(solution.W) - gram).norm() <= 1e-12 * gram.norm());
            }
            QVERIFY(alphasSeen.size() >= 3);
        }
    }
};

QTEST_APPLESS_MAIN(TestRegressionPlan)
#include "test_regression_plan.moc"
