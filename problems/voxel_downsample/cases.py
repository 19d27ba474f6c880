import numpy as np

from graders.casekit import Case, rng


def lidar_scene(generator, count):
    """A ground plane, a few boxy objects and scattered noise, around a sensor at the origin."""
    ground_count = count // 2
    ground = np.column_stack(
        [
            generator.uniform(-80, 80, ground_count),
            generator.uniform(-80, 80, ground_count),
            generator.normal(-1.7, 0.05, ground_count),
        ]
    )
    objects = []
    remaining = count - ground_count - count // 20
    for _ in range(40):
        centre = generator.uniform([-60, -60, -1.7], [60, 60, -0.5])
        extent = generator.uniform([1, 1, 1], [5, 3, 3])
        objects.append(centre + generator.uniform(-0.5, 0.5, (remaining // 40, 3)) * extent)
    noise = generator.uniform(-100, 100, (count - ground_count - 40 * (remaining // 40), 3))
    return np.concatenate([ground, *objects, noise])


def boundary_grid(generator, voxel_size, count):
    """Points exactly on multiples of the voxel size, each with a partner in the middle of its
    voxel. For sizes such as 0.1 or 0.7 about one in ten corners floors differently as
    p * (1 / s) than as p / s (the contract's expression) and leaves its partner: the means
    change, not only the order."""
    reach = int(190 / voxel_size)
    corners = generator.integers(-reach, reach, (count // 2, 3))
    return np.concatenate([corners * voxel_size, (corners + 0.5) * voxel_size])


def generate():
    generator = rng(3)
    boundary_generator = rng(4)  # its own stream: the scenes below stay as they were
    example = np.array([[0.1, 0.2, 0.3], [0.4, 0.1, 0.2], [1.5, 0.0, 0.0], [-0.5, 0.0, 0.0]])
    return [
        Case("example", {"points": example, "voxel_size": 1.0}, sample=True),
        Case(
            "sorted_by_x_then_y_then_z",
            {
                "points": np.array(
                    [[0.5, 2.5, 0.5], [0.5, 0.5, 2.5], [2.5, 0.5, 0.5], [0.5, 0.5, 0.5]]
                ),
                "voxel_size": 1.0,
            },
            sample=True,
        ),
        Case("empty_cloud", {"points": np.zeros((0, 3)), "voxel_size": 0.5}),
        Case("single_point", {"points": np.array([[3.3, -2.2, 1.1]]), "voxel_size": 0.5}),
        Case(
            "negative_coordinates_floor_not_truncate",
            {
                "points": np.array(
                    [[-0.2, -0.2, -0.2], [0.2, 0.2, 0.2], [-0.9, 0.1, 0.1], [-1.0, -1.0, -1.0]]
                ),
                "voxel_size": 1.0,
            },
        ),
        Case(
            "points_on_voxel_boundaries",
            {
                "points": np.array(
                    [[0.0, 0.0, 0.0], [0.5, 0.5, 0.5], [1.0, 1.0, 1.0], [0.25, 0.5, 0.75]]
                ),
                "voxel_size": 0.25,
            },
        ),
        Case(
            "all_points_in_one_voxel",
            {"points": generator.uniform(0.01, 0.99, (1000, 3)), "voxel_size": 1.0},
        ),
        Case(
            "every_point_its_own_voxel",
            {
                "points": generator.permutation(np.arange(300.0)).reshape(100, 3) * 2 + 0.5,
                "voxel_size": 1.0,
            },
        ),
        Case(
            "boundary_points_at_size_0_1",
            {"points": boundary_grid(boundary_generator, 0.1, 3000), "voxel_size": 0.1},
        ),
        Case(
            "boundary_points_at_size_0_7",
            {"points": boundary_grid(boundary_generator, 0.7, 3000), "voxel_size": 0.7},
        ),
        Case("small_scene_5k", {"points": lidar_scene(generator, 5000), "voxel_size": 0.5}),
        Case(
            "scene_200k_fine_grid", {"points": lidar_scene(generator, 200_000), "voxel_size": 0.1}
        ),
        Case("scene_1m_points", {"points": lidar_scene(generator, 1_000_000), "voxel_size": 0.2}),
    ]
