#include "ui/views/structure_camera.h"

#include <algorithm>
#include <cmath>

#include <Eigen/Eigenvalues>

namespace le::ui {
namespace {

// The perspective eye sits this many bounding radii in front of the centre.
constexpr double kEyeDistance = 3.0;

Eigen::Vector3d onSphere(double x, double y, double width, double height) {
    const double size = std::max(1.0, std::min(width, height));
    Eigen::Vector3d v((2 * x - width) / size, (height - 2 * y) / size, 0);
    const double r2 = v.x() * v.x() + v.y() * v.y();
    if (r2 <= 1) v.z() = std::sqrt(1 - r2);
    else v /= std::sqrt(r2);
    return v;
}

} // namespace

Eigen::Quaterniond flatViewRotation(const Eigen::Matrix<double, Eigen::Dynamic, 3, Eigen::RowMajor>& positions) {
    if (positions.rows() < 3) return Eigen::Quaterniond::Identity();
    const Eigen::RowVector3d mean = positions.colwise().mean();
    const Eigen::MatrixX3d centred = positions.rowwise() - mean;
    const Eigen::Matrix3d covariance = centred.transpose() * centred;
    const Eigen::SelfAdjointEigenSolver<Eigen::Matrix3d> solver(covariance);
    // Eigenvalues ascend: the last vector is the widest direction.
    Eigen::Matrix3d view;
    view.row(0) = solver.eigenvectors().col(2).transpose();
    view.row(1) = solver.eigenvectors().col(1).transpose();
    view.row(2) = view.row(0).cross(view.row(1)); // a proper rotation (determinant +1)
    return Eigen::Quaterniond(view).normalized();
}

void StructureCamera::frame(const Eigen::Vector3d& centre, double radius) {
    centre_ = centre;
    radius_ = std::max(radius, 1e-3);
}

void StructureCamera::reset() {
    rotation_ = Eigen::Quaterniond::Identity();
    zoom_ = 1.0;
    pan_.setZero();
}

void StructureCamera::setZoom(double zoom) { zoom_ = std::clamp(zoom, 0.05, 200.0); }

double StructureCamera::basePixelsPerUnit(double width, double height) const {
    return zoom_ * std::min(width, height) / (2.1 * radius_);
}

void StructureCamera::panPixels(double dx, double dy, double width, double height) {
    const double scale = basePixelsPerUnit(width, height);
    pan_ += Eigen::Vector2d(dx / scale, -dy / scale);
}

Eigen::Quaterniond StructureCamera::arcball(double x0, double y0, double x1, double y1,
                                            double width, double height) {
    const Eigen::Vector3d a = onSphere(x0, y0, width, height);
    const Eigen::Vector3d b = onSphere(x1, y1, width, height);
    return Eigen::Quaterniond::FromTwoVectors(a, b);
}

ProjectedPoint StructureCamera::project(const Eigen::Vector3d& p, double width,
                                        double height) const {
    const Eigen::Vector3d v = rotation_ * (p - centre_); // +z points at the viewer
    double factor = 1.0;
    ProjectedPoint out;
    if (perspective_) {
        const double distance = kEyeDistance * radius_ - v.z();
        out.visible = distance > 1e-3 * radius_;
        factor = kEyeDistance * radius_ / std::max(distance, 1e-3 * radius_);
    }
    const double scale = basePixelsPerUnit(width, height);
    out.pixelsPerUnit = scale * factor;
    out.x = width / 2 + (v.x() * factor + pan_.x()) * scale;
    out.y = height / 2 - (v.y() * factor + pan_.y()) * scale;
    out.depth = -v.z();
    return out;
}

} // namespace le::ui
