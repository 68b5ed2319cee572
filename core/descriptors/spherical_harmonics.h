#pragma once
// Real spherical harmonics Y_lm, orthonormal on the unit sphere, for all l ≤ l_max at once.
#include <Eigen/Core>

#include <vector>

namespace le {

// Index of (l, m), m = -l..l, in the output of realSphericalHarmonics.
inline int harmonicIndex(int l, int m) { return l * l + l + m; }

// Fills out[harmonicIndex(l, m)] for l = 0..lMax with Y_lm(direction/|direction|).
// m > 0 takes the cos(mφ) combination, m < 0 the sin(|m|φ) one; Cartesian form, so the
// poles need no special case. `direction` must be non-zero.
void realSphericalHarmonics(int lMax, const Eigen::Vector3d& direction, double* out);

} // namespace le
