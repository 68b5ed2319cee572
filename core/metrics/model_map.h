#pragma once
// A map of the models from a matrix of distances between them (the Procrustes angles): a 2-D
// classical MDS embedding and an average-linkage (UPGMA) dendrogram.
#include <vector>

#include <Eigen/Core>

namespace le {

// One agglomeration step. Clusters are numbered as scipy's linkage does: 0 … n−1 are the
// models, n + s is the cluster made at step s.
struct DendrogramMerge {
    int left = 0, right = 0; // the merged clusters, left < right
    double height = 0.0;     // their average distance (mean over all cross pairs of models)
    int size = 0;            // models in the new cluster
};

struct ModelMap {
    Eigen::MatrixXd coordinates;  // n × 2: classical MDS
    Eigen::Vector2d eigenvalues;  // of the double-centred −½D², largest first; ≤ 0 → that axis is 0
    std::vector<DendrogramMerge> merges; // n − 1 steps, heights non-decreasing
};

// Classical (Torgerson) MDS: B = −½ J D² J, coordinates = the top `dims` eigenvectors scaled by
// √λ (0 where λ ≤ 0), each axis signed so that its largest-magnitude entry is positive. For an
// exactly Euclidean configuration the pairwise distances are recovered.
Eigen::MatrixXd classicalMds(const Eigen::MatrixXd& distances, int dims, Eigen::VectorXd* eigenvalues = nullptr);

// UPGMA: repeatedly merge the two clusters at the smallest average distance; ties go to the pair
// whose (smaller id, larger id) comes first.
std::vector<DendrogramMerge> averageLinkage(const Eigen::MatrixXd& distances);

// Both, after checking the matrix is square, finite, symmetric (to 1e-12 relative) and ≥ 0
// (ComputeError otherwise); the diagonal is taken as 0 whatever it holds (NaN when not computed).
ModelMap modelMap(const Eigen::MatrixXd& distances);

} // namespace le
