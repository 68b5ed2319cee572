#pragma once
// How far the columns of Q are from orthonormal: the largest entry of |QᵀQ − I|.
#include <Eigen/Core>

inline double orthonormalityError(const Eigen::MatrixXd& Q) {
    return (Q.transpose() * Q - Eigen::MatrixXd::Identity(Q.cols(), Q.cols())).cwiseAbs().maxCoeff();
}
