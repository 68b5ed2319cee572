#include "core/descriptors/spherical_harmonics.h"

#include <cmath>
#include <numbers>

namespace le {

void realSphericalHarmonics(int lMax, const Eigen::Vector3d& direction, double* out) {
    const Eigen::Vector3d u = direction.normalized();
    const double x = u.x(), y = u.y(), z = u.z();

    // Q_l^m(z) = P_l^m(z) / sin^m θ (no Condon–Shortley phase), by the usual recurrences;
    // sin^m θ · {cos, sin}(mφ) = {Re, Im}(x + i y)^m supplies the rest.
    double re = 1.0, im = 0.0; // (x + i y)^m
    double qmm = 1.0;          // Q_m^m = (2m - 1)!!
    for (int m = 0; m <= lMax; ++m) {
        if (m > 0) {
            const double nre = re * x - im * y;
            im = re * y + im * x;
            re = nre;
            qmm *= double(2 * m - 1);
        }
        double qPrev = 0.0, q = qmm;
        // (l-m)!/(l+m)! starting at l = m: 1/(2m)!
        double ratio = 1.0;
        for (int k = 2; k <= 2 * m; ++k) ratio /= double(k);
        for (int l = m; l <= lMax; ++l) {
            if (l > m) {
                const double next = (double(2 * l - 1) * z * q - double(l + m - 1) * qPrev) /
                                    double(l - m);
                qPrev = q;
                q = next;
                ratio *= double(l - m) / double(l + m); // (l-m)!/(l+m)! from l-1 to l
            }
            const double norm = std::sqrt(double(2 * l + 1) / (4.0 * std::numbers::pi) * ratio);
            if (m == 0) {
                out[harmonicIndex(l, 0)] = norm * q;
            } else {
                out[harmonicIndex(l, m)] = std::numbers::sqrt2 * norm * q * re;
                out[harmonicIndex(l, -m)] = std::numbers::sqrt2 * norm * q * im;
            }
        }
    }
}

} // namespace le
