#pragma once
// Ill-conditioned regression problems for the RegressionPlan tests, and the cutoff fit's
// prediction in long double as the reference both routes are held to.
#include <algorithm>
#include <cmath>
#include <random>

#include <Eigen/Core>
#include <Eigen/QR>
#include <Eigen/SVD>

namespace le::test {

// k centred rows of width d with singular values 10^(−decades·i / (r − 1)), and targets that
// are a smooth function of them plus noise, so the CV settles on a non-trivial alpha.
struct Problem {
    Eigen::MatrixXd X, Y;
    Eigen::RowVectorXd x;
};

inline Problem makeProblem(Eigen::Index k, Eigen::Index d, Eigen::Index targets, unsigned seed, double decades = 12.0) {
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> normal;
    auto gaussian = [&](Eigen::Index rows, Eigen::Index cols) {
        Eigen::MatrixXd g(rows, cols);
        for (Eigen::Index i = 0; i < g.size(); ++i) g.data()[i] = normal(rng);
        return g;
    };
    const Eigen::Index r = std::min(k, d);
    Eigen::VectorXd s(r);
    for (Eigen::Index i = 0; i < r; ++i) s[i] = std::pow(10.0, -decades * double(i) / double(r - 1));
    const Eigen::MatrixXd P = Eigen::HouseholderQR<Eigen::MatrixXd>(gaussian(k, r)).householderQ() *
                              Eigen::MatrixXd::Identity(k, r);
    const Eigen::MatrixXd Q = Eigen::HouseholderQR<Eigen::MatrixXd>(gaussian(d, r)).householderQ() *
                              Eigen::MatrixXd::Identity(d, r);
    Problem p;
    p.X = P * s.asDiagonal() * Q.transpose();
    p.X.rowwise() -= p.X.colwise().mean();
    p.Y = (p.X * gaussian(d, targets)).array().tanh().matrix();
    for (Eigen::Index c = 0; c < targets; ++c) // noise from 1e-4 to 1 of the signal, column by column
        p.Y.col(c) += std::pow(10.0, -4.0 + 4.0 * double(c) / double(std::max<Eigen::Index>(targets - 1, 1))) *
                      p.Y.col(c).norm() / std::sqrt(double(k)) * gaussian(k, 1);
    p.Y.rowwise() -= p.Y.colwise().mean();
    p.x = gaussian(1, d) * 0.1;
    return p;
}

// x · W for the cutoff fit at absolute alpha, everything in long double (Jacobi SVD), and the
// scale its rounding is relative to: the sum of the absolute values of the terms x·v_i u_iᵀy / s_i.
struct LongDoubleFit {
    long double prediction = 0.0L, scale = 0.0L;
};
inline LongDoubleFit longDoublePrediction(const Eigen::MatrixXd& X, const Eigen::MatrixXd& y, const Eigen::RowVectorXd& x,
                                   double absoluteAlpha) {
    using MatrixL = Eigen::Matrix<long double, Eigen::Dynamic, Eigen::Dynamic>;
    const Eigen::JacobiSVD<MatrixL> svd(X.cast<long double>(), Eigen::ComputeThinU | Eigen::ComputeThinV);
    LongDoubleFit fit;
    const MatrixL xV = x.cast<long double>() * svd.matrixV(), Uty = svd.matrixU().transpose() * y.cast<long double>();
    for (Eigen::Index i = 0; i < svd.singularValues().size(); ++i)
        if (svd.singularValues()[i] > absoluteAlpha) {
            const long double term = xV(0, i) * Uty(i, 0) / svd.singularValues()[i];
            fit.prediction += term;
            fit.scale += std::abs(term);
        }
    return fit;
}


} // namespace le::test
