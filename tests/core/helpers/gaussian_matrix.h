#pragma once
// A rows × cols matrix of independent standard normal entries, reproducible from its seed.
#include <random>

#include <Eigen/Core>

inline Eigen::MatrixXd gaussianMatrix(Eigen::Index rows, Eigen::Index cols, unsigned seed) {
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> normal;
    Eigen::MatrixXd g(rows, cols);
    for (Eigen::Index i = 0; i < g.size(); ++i) g.data()[i] = normal(rng);
    return g;
}
