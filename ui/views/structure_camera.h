#pragma once
// Camera of the structure view: arcball rotation, zoom, pan, orthographic or perspective
// projection onto a viewport of any size (the same view renders on screen and, larger, for
// a high-resolution export).
#include <Eigen/Core>
#include <Eigen/Geometry>

namespace le::ui {

struct ProjectedPoint {
    double x = 0, y = 0;    // pixels, y down
    double depth = 0;       // larger is farther from the viewer
    double pixelsPerUnit = 0; // scale at this depth (pixels per Å)
    bool visible = true;    // false when behind the perspective eye
};

// The rotation that shows a finite molecule flat: its widest spread along the screen's x, the
// next along y and its thinnest direction towards the viewer (principal axes of the atom
// positions, covariance in float64). Identity for fewer than 3 atoms.
Eigen::Quaterniond flatViewRotation(const Eigen::Matrix<double, Eigen::Dynamic, 3, Eigen::RowMajor>& positions);

class StructureCamera {
public:
    // Looks at a sphere of `radius` around `centre`, which fills the viewport at zoom 1.
    void frame(const Eigen::Vector3d& centre, double radius);
    void reset(); // identity rotation, zoom 1, no pan

    void setPerspective(bool on) { perspective_ = on; }
    bool perspective() const { return perspective_; }

    const Eigen::Quaterniond& rotation() const { return rotation_; }
    void setRotation(const Eigen::Quaterniond& q) { rotation_ = q.normalized(); }
    void rotate(const Eigen::Quaterniond& q) { rotation_ = (q * rotation_).normalized(); }
    double zoom() const { return zoom_; }
    void setZoom(double zoom);
    // Pan by a pixel offset in a viewport of the given size.
    void panPixels(double dx, double dy, double width, double height);

    // Arcball: rotation taking the sphere point under (x0, y0) to the one under (x1, y1).
    static Eigen::Quaterniond arcball(double x0, double y0, double x1, double y1, double width,
                                      double height);

    ProjectedPoint project(const Eigen::Vector3d& p, double width, double height) const;
    double basePixelsPerUnit(double width, double height) const;

private:
    Eigen::Vector3d centre_ = Eigen::Vector3d::Zero();
    double radius_ = 1.0;
    Eigen::Quaterniond rotation_ = Eigen::Quaterniond::Identity();
    double zoom_ = 1.0;
    Eigen::Vector2d pan_ = Eigen::Vector2d::Zero(); // Å in view space
    bool perspective_ = false;
};

} // namespace le::ui
