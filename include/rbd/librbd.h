/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * librbdcompat - rbd/librbd.h: RADOS block device images
 *
 * The C interface of upstream Ceph 20.2 (Tentacle), re-stated for
 * librbdcompat: every type, constant, structure layout and prototype has
 * upstream's name and value, so code written for open-source Ceph compiles
 * unchanged against it. See the upstream documentation for what each call
 * does; the notes here are ours.
 *
 * "since X" before a function names the first upstream release that
 * declared it. The build reads these lines to make the function table
 * (gen/functable.py): they are the one list of functions.
 */
#ifndef CEPH_LIBRBD_H
#define CEPH_LIBRBD_H
#ifdef __cplusplus
extern "C" {
#endif
#include <netinet/in.h>
#if defined(__linux__)
#include <linux/types.h>
#elif defined(__FreeBSD__)
#include <sys/types.h>
#endif
#include <stdbool.h>
#include <string.h>
#include <sys/uio.h>
#include "../rados/librados.h"
#include "features.h"
#define LIBRBD_VER_MAJOR 1
#define LIBRBD_VER_MINOR 20
#define LIBRBD_VER_EXTRA 0
#define LIBRBD_VERSION(maj, min, extra) ((maj << 16) + (min << 8) + extra)
#define LIBRBD_VERSION_CODE LIBRBD_VERSION(LIBRBD_VER_MAJOR, LIBRBD_VER_MINOR, LIBRBD_VER_EXTRA)
#define LIBRBD_SUPPORTS_AIO_FLUSH 1
#define LIBRBD_SUPPORTS_AIO_OPEN 1
#define LIBRBD_SUPPORTS_COMPARE_AND_WRITE 1
#define LIBRBD_SUPPORTS_COMPARE_AND_WRITE_IOVEC 1
#define LIBRBD_SUPPORTS_LOCKING 1
#define LIBRBD_SUPPORTS_INVALIDATE 1
#define LIBRBD_SUPPORTS_IOVEC 1
#define LIBRBD_SUPPORTS_WATCH 0
#define LIBRBD_SUPPORTS_WRITESAME 1
#define LIBRBD_SUPPORTS_WRITE_ZEROES 1
#define LIBRBD_SUPPORTS_ENCRYPTION 1
#define LIBRBD_SUPPORTS_ENCRYPTION_LOAD2 1
#define LIBRBD_SUPPORTS_GROUP_SNAP_GET_INFO 1
#define LIBRBD_SUPPORTS_DIFF_ITERATE3 1
#if __GNUC__ >= 4
#define CEPH_RBD_API __attribute__ ((visibility ("default")))
#define CEPH_RBD_DEPRECATED __attribute__((deprecated))
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
#else
#define CEPH_RBD_API
#define CEPH_RBD_DEPRECATED
#endif
#define RBD_FLAG_OBJECT_MAP_INVALID (1<<0)
#define RBD_FLAG_FAST_DIFF_INVALID (1<<1)
#define RBD_MIRROR_IMAGE_STATUS_LOCAL_MIRROR_UUID ""

typedef void *rbd_image_t;
typedef void *rbd_image_options_t;
typedef void *rbd_pool_stats_t;
typedef void *rbd_completion_t;
typedef void (*rbd_callback_t)(rbd_completion_t cb, void *arg);
typedef int (*librbd_progress_fn_t)(uint64_t offset, uint64_t total, void *ptr);
typedef void (*rbd_update_callback_t)(void *arg);

typedef enum {
  RBD_SNAP_NAMESPACE_TYPE_USER = 0,
  RBD_SNAP_NAMESPACE_TYPE_GROUP = 1,
  RBD_SNAP_NAMESPACE_TYPE_TRASH = 2,
  RBD_SNAP_NAMESPACE_TYPE_MIRROR = 3,
} rbd_snap_namespace_type_t;

typedef struct {
  char *id;
  char *name;
} rbd_image_spec_t;

typedef struct {
  int64_t pool_id;
  char *pool_name;
  char *pool_namespace;
  char *image_id;
  char *image_name;
  bool trash;
} rbd_linked_image_spec_t;

typedef struct {
  uint64_t id;
  rbd_snap_namespace_type_t namespace_type;
  char *name;
} rbd_snap_spec_t;

typedef struct {
  uint64_t id;
  uint64_t size;
  const char *name;
} rbd_snap_info_t;

typedef struct {
  const char *pool_name;
  const char *image_name;
  const char *image_id;
  bool trash;
} rbd_child_info_t;

#define RBD_MAX_IMAGE_NAME_SIZE 96
#define RBD_MAX_BLOCK_NAME_SIZE 24
#define RBD_SNAP_CREATE_SKIP_QUIESCE (1 << 0)
#define RBD_SNAP_CREATE_IGNORE_QUIESCE_ERROR (1 << 1)
#define RBD_SNAP_REMOVE_UNPROTECT (1 << 0)
#define RBD_SNAP_REMOVE_FLATTEN (1 << 1)
#define RBD_SNAP_REMOVE_FORCE (RBD_SNAP_REMOVE_UNPROTECT | RBD_SNAP_REMOVE_FLATTEN)

enum {
  EVENT_TYPE_PIPE = 1,
  EVENT_TYPE_EVENTFD = 2,
};

typedef struct {
  uint64_t size;
  uint64_t obj_size;
  uint64_t num_objs;
  int order;
  char block_name_prefix[RBD_MAX_BLOCK_NAME_SIZE];
  int64_t parent_pool;
  char parent_name[RBD_MAX_IMAGE_NAME_SIZE];
} rbd_image_info_t;

typedef enum {
  RBD_MIRROR_MODE_DISABLED,
  RBD_MIRROR_MODE_IMAGE,
  RBD_MIRROR_MODE_POOL,
  RBD_MIRROR_MODE_INIT_ONLY,
} rbd_mirror_mode_t;

typedef enum {
  RBD_MIRROR_PEER_DIRECTION_RX = 0,
  RBD_MIRROR_PEER_DIRECTION_TX = 1,
  RBD_MIRROR_PEER_DIRECTION_RX_TX = 2,
} rbd_mirror_peer_direction_t;

typedef struct {
  char *uuid;
  char *cluster_name;
  char *client_name;
} rbd_mirror_peer_t CEPH_RBD_DEPRECATED;

typedef struct {
  char *uuid;
  rbd_mirror_peer_direction_t direction;
  char *site_name;
  char *mirror_uuid;
  char *client_name;
  time_t last_seen;
} rbd_mirror_peer_site_t;

#define RBD_MIRROR_PEER_ATTRIBUTE_NAME_MON_HOST "mon_host"
#define RBD_MIRROR_PEER_ATTRIBUTE_NAME_KEY "key"

typedef enum {
  RBD_MIRROR_IMAGE_MODE_JOURNAL = 0,
  RBD_MIRROR_IMAGE_MODE_SNAPSHOT = 1,
} rbd_mirror_image_mode_t;

typedef enum {
  RBD_MIRROR_IMAGE_DISABLING = 0,
  RBD_MIRROR_IMAGE_ENABLED = 1,
  RBD_MIRROR_IMAGE_DISABLED = 2,
  RBD_MIRROR_IMAGE_CREATING = 3,
} rbd_mirror_image_state_t;

typedef struct {
  char *global_id;
  rbd_mirror_image_state_t state;
  bool primary;
} rbd_mirror_image_info_t;

typedef enum {
  MIRROR_IMAGE_STATUS_STATE_UNKNOWN = 0,
  MIRROR_IMAGE_STATUS_STATE_ERROR = 1,
  MIRROR_IMAGE_STATUS_STATE_SYNCING = 2,
  MIRROR_IMAGE_STATUS_STATE_STARTING_REPLAY = 3,
  MIRROR_IMAGE_STATUS_STATE_REPLAYING = 4,
  MIRROR_IMAGE_STATUS_STATE_STOPPING_REPLAY = 5,
  MIRROR_IMAGE_STATUS_STATE_STOPPED = 6,
} rbd_mirror_image_status_state_t;

typedef struct {
  char *name;
  rbd_mirror_image_info_t info;
  rbd_mirror_image_status_state_t state;
  char *description;
  time_t last_update;
  bool up;
} rbd_mirror_image_status_t CEPH_RBD_DEPRECATED;

typedef struct {
  char *mirror_uuid;
  rbd_mirror_image_status_state_t state;
  char *description;
  time_t last_update;
  bool up;
} rbd_mirror_image_site_status_t;

typedef struct {
  char *name;
  rbd_mirror_image_info_t info;
  uint32_t site_statuses_count;
  rbd_mirror_image_site_status_t *site_statuses;
} rbd_mirror_image_global_status_t;

typedef enum {
  RBD_GROUP_IMAGE_STATE_ATTACHED,
  RBD_GROUP_IMAGE_STATE_INCOMPLETE,
} rbd_group_image_state_t;

typedef struct {
  char *name;
  int64_t pool;
  rbd_group_image_state_t state;
} rbd_group_image_info_t;

typedef struct {
  char *name;
  int64_t pool;
} rbd_group_info_t;

typedef enum {
  RBD_GROUP_SNAP_STATE_INCOMPLETE,
  RBD_GROUP_SNAP_STATE_COMPLETE,
} rbd_group_snap_state_t;

typedef enum {
  RBD_GROUP_SNAP_NAMESPACE_TYPE_USER = 0,
} rbd_group_snap_namespace_type_t;

typedef struct {
  char *image_name;
  int64_t pool_id;
  uint64_t snap_id;
} rbd_group_image_snap_info_t;

typedef struct {
  char *name;
  rbd_group_snap_state_t state;
} rbd_group_snap_info_t;

typedef struct {
  char *id;
  char *name;
  char *image_snap_name;
  rbd_group_snap_state_t state;
  rbd_group_snap_namespace_type_t namespace_type;
  size_t image_snaps_count;
  rbd_group_image_snap_info_t *image_snaps;
} rbd_group_snap_info2_t;

typedef struct {
  int64_t group_pool;
  char *group_name;
  char *group_snap_name;
} rbd_snap_group_namespace_t;

typedef struct {
  rbd_snap_namespace_type_t original_namespace_type;
  char *original_name;
} rbd_snap_trash_namespace_t;

typedef enum {
  RBD_SNAP_MIRROR_STATE_PRIMARY,
  RBD_SNAP_MIRROR_STATE_PRIMARY_DEMOTED,
  RBD_SNAP_MIRROR_STATE_NON_PRIMARY,
  RBD_SNAP_MIRROR_STATE_NON_PRIMARY_DEMOTED,
} rbd_snap_mirror_state_t;

typedef struct {
  rbd_snap_mirror_state_t state;
  size_t mirror_peer_uuids_count;
  char *mirror_peer_uuids;
  bool complete;
  char *primary_mirror_uuid;
  uint64_t primary_snap_id;
  uint64_t last_copied_object_number;
} rbd_snap_mirror_namespace_t;

typedef enum {
  RBD_LOCK_MODE_EXCLUSIVE = 0,
  RBD_LOCK_MODE_SHARED = 1,
  RBD_LOCK_MODE_EXCLUSIVE_TRANSIENT = 2,
} rbd_lock_mode_t;

/* since 12.2.0 */
CEPH_RBD_API void rbd_version(int *major, int *minor, int *extra);

enum {
  RBD_IMAGE_OPTION_FORMAT = 0,
  RBD_IMAGE_OPTION_FEATURES = 1,
  RBD_IMAGE_OPTION_ORDER = 2,
  RBD_IMAGE_OPTION_STRIPE_UNIT = 3,
  RBD_IMAGE_OPTION_STRIPE_COUNT = 4,
  RBD_IMAGE_OPTION_JOURNAL_ORDER = 5,
  RBD_IMAGE_OPTION_JOURNAL_SPLAY_WIDTH = 6,
  RBD_IMAGE_OPTION_JOURNAL_POOL = 7,
  RBD_IMAGE_OPTION_FEATURES_SET = 8,
  RBD_IMAGE_OPTION_FEATURES_CLEAR = 9,
  RBD_IMAGE_OPTION_DATA_POOL = 10,
  RBD_IMAGE_OPTION_FLATTEN = 11,
  RBD_IMAGE_OPTION_CLONE_FORMAT = 12,
  RBD_IMAGE_OPTION_MIRROR_IMAGE_MODE = 13,
};

typedef enum {
  RBD_TRASH_IMAGE_SOURCE_USER = 0,
  RBD_TRASH_IMAGE_SOURCE_MIRRORING = 1,
  RBD_TRASH_IMAGE_SOURCE_MIGRATION = 2,
  RBD_TRASH_IMAGE_SOURCE_REMOVING = 3,
  RBD_TRASH_IMAGE_SOURCE_USER_PARENT = 4,
} rbd_trash_image_source_t;

typedef struct {
  char *id;
  char *name;
  rbd_trash_image_source_t source;
  time_t deletion_time;
  time_t deferment_end_time;
} rbd_trash_image_info_t;

typedef struct {
  char *addr;
  int64_t id;
  uint64_t cookie;
} rbd_image_watcher_t;

typedef enum {
  RBD_IMAGE_MIGRATION_STATE_UNKNOWN = -1,
  RBD_IMAGE_MIGRATION_STATE_ERROR = 0,
  RBD_IMAGE_MIGRATION_STATE_PREPARING = 1,
  RBD_IMAGE_MIGRATION_STATE_PREPARED = 2,
  RBD_IMAGE_MIGRATION_STATE_EXECUTING = 3,
  RBD_IMAGE_MIGRATION_STATE_EXECUTED = 4,
  RBD_IMAGE_MIGRATION_STATE_ABORTING = 5,
} rbd_image_migration_state_t;

typedef struct {
  int64_t source_pool_id;
  char *source_pool_namespace;
  char *source_image_name;
  char *source_image_id;
  int64_t dest_pool_id;
  char *dest_pool_namespace;
  char *dest_image_name;
  char *dest_image_id;
  rbd_image_migration_state_t state;
  char *state_description;
} rbd_image_migration_status_t;

typedef enum {
  RBD_CONFIG_SOURCE_CONFIG = 0,
  RBD_CONFIG_SOURCE_POOL = 1,
  RBD_CONFIG_SOURCE_IMAGE = 2,
} rbd_config_source_t;

typedef struct {
  char *name;
  char *value;
  rbd_config_source_t source;
} rbd_config_option_t;

typedef enum {
  RBD_POOL_STAT_OPTION_IMAGES,
  RBD_POOL_STAT_OPTION_IMAGE_PROVISIONED_BYTES,
  RBD_POOL_STAT_OPTION_IMAGE_MAX_PROVISIONED_BYTES,
  RBD_POOL_STAT_OPTION_IMAGE_SNAPSHOTS,
  RBD_POOL_STAT_OPTION_TRASH_IMAGES,
  RBD_POOL_STAT_OPTION_TRASH_PROVISIONED_BYTES,
  RBD_POOL_STAT_OPTION_TRASH_MAX_PROVISIONED_BYTES,
  RBD_POOL_STAT_OPTION_TRASH_SNAPSHOTS,
} rbd_pool_stat_option_t;

enum {
  RBD_WRITE_ZEROES_FLAG_THICK_PROVISION = (1U<<0),
};

enum {
  RBD_DIFF_ITERATE_FLAG_INCLUDE_PARENT = (1U<<0),
  RBD_DIFF_ITERATE_FLAG_WHOLE_OBJECT = (1U<<1),
};

typedef enum {
  RBD_ENCRYPTION_FORMAT_LUKS1 = 0,
  RBD_ENCRYPTION_FORMAT_LUKS2 = 1,
  RBD_ENCRYPTION_FORMAT_LUKS = 2,
} rbd_encryption_format_t;

typedef enum {
  RBD_ENCRYPTION_ALGORITHM_AES128 = 0,
  RBD_ENCRYPTION_ALGORITHM_AES256 = 1,
} rbd_encryption_algorithm_t;

typedef void *rbd_encryption_options_t;

typedef struct {
  rbd_encryption_format_t format;
  rbd_encryption_options_t opts;
  size_t opts_size;
} rbd_encryption_spec_t;

typedef struct {
  rbd_encryption_algorithm_t alg;
  const char *passphrase;
  size_t passphrase_size;
} rbd_encryption_luks1_format_options_t;

typedef struct {
  rbd_encryption_algorithm_t alg;
  const char *passphrase;
  size_t passphrase_size;
} rbd_encryption_luks2_format_options_t;

typedef struct {
  const char *passphrase;
  size_t passphrase_size;
} rbd_encryption_luks_format_options_t;

/* since 12.2.0 */
CEPH_RBD_API void rbd_image_options_create(rbd_image_options_t *opts);

/* since 12.2.0 */
CEPH_RBD_API void rbd_image_options_destroy(rbd_image_options_t opts);

/* since 12.2.0 */
CEPH_RBD_API int rbd_image_options_set_string(rbd_image_options_t opts,
    int optname, const char *optval);

/* since 12.2.0 */
CEPH_RBD_API int rbd_image_options_set_uint64(rbd_image_options_t opts,
    int optname, uint64_t optval);

/* since 12.2.0 */
CEPH_RBD_API int rbd_image_options_get_string(rbd_image_options_t opts,
    int optname, char *optval, size_t maxlen);

/* since 12.2.0 */
CEPH_RBD_API int rbd_image_options_get_uint64(rbd_image_options_t opts,
    int optname, uint64_t *optval);

/* since 12.2.0 */
CEPH_RBD_API int rbd_image_options_is_set(rbd_image_options_t opts,
    int optname, bool *is_set);

/* since 12.2.0 */
CEPH_RBD_API int rbd_image_options_unset(rbd_image_options_t opts,
    int optname);

/* since 12.2.0 */
CEPH_RBD_API void rbd_image_options_clear(rbd_image_options_t opts);

/* since 12.2.0 */
CEPH_RBD_API int rbd_image_options_is_empty(rbd_image_options_t opts);

/* since 14.2.0 */
CEPH_RBD_API void rbd_image_spec_cleanup(rbd_image_spec_t *image);

/* since 14.2.0 */
CEPH_RBD_API void rbd_image_spec_list_cleanup(rbd_image_spec_t *images,
    size_t num_images);

/* since 14.2.0 */
CEPH_RBD_API void rbd_linked_image_spec_cleanup(rbd_linked_image_spec_t *image);

/* since 14.2.0 */
CEPH_RBD_API void rbd_linked_image_spec_list_cleanup(rbd_linked_image_spec_t *images,
    size_t num_images);

/* since 14.2.0 */
CEPH_RBD_API void rbd_snap_spec_cleanup(rbd_snap_spec_t *snap);

/* since 12.2.0 */
CEPH_RBD_API int rbd_list(rados_ioctx_t io, char *names,
    size_t *size) CEPH_RBD_DEPRECATED;

/* since 14.2.0; stub: rbd_list reports no image ids */
CEPH_RBD_API int rbd_list2(rados_ioctx_t io, rbd_image_spec_t *images,
    size_t *max_images);

/* since 12.2.0 */
CEPH_RBD_API int rbd_create(rados_ioctx_t io, const char *name, uint64_t size,
    int *order);

/* since 12.2.0 */
CEPH_RBD_API int rbd_create2(rados_ioctx_t io, const char *name, uint64_t size,
    uint64_t features, int *order);

/* since 12.2.0 */
CEPH_RBD_API int rbd_create3(rados_ioctx_t io, const char *name, uint64_t size,
    uint64_t features, int *order, uint64_t stripe_unit,
    uint64_t stripe_count);

/* since 12.2.0 */
CEPH_RBD_API int rbd_create4(rados_ioctx_t io, const char *name, uint64_t size,
    rbd_image_options_t opts);

/* since 12.2.0 */
CEPH_RBD_API int rbd_clone(rados_ioctx_t p_ioctx, const char *p_name,
    const char *p_snapname, rados_ioctx_t c_ioctx, const char *c_name,
    uint64_t features, int *c_order);

/* since 12.2.0 */
CEPH_RBD_API int rbd_clone2(rados_ioctx_t p_ioctx, const char *p_name,
    const char *p_snapname, rados_ioctx_t c_ioctx, const char *c_name,
    uint64_t features, int *c_order, uint64_t stripe_unit, int stripe_count);

/* since 12.2.0 */
CEPH_RBD_API int rbd_clone3(rados_ioctx_t p_ioctx, const char *p_name,
    const char *p_snapname, rados_ioctx_t c_ioctx, const char *c_name,
    rbd_image_options_t c_opts);

/* since 19.2.0 */
CEPH_RBD_API int rbd_clone4(rados_ioctx_t p_ioctx, const char *p_name,
    uint64_t p_snap_id, rados_ioctx_t c_ioctx, const char *c_name,
    rbd_image_options_t c_opts);

/* since 12.2.0 */
CEPH_RBD_API int rbd_remove(rados_ioctx_t io, const char *name);

/* since 12.2.0 */
CEPH_RBD_API int rbd_remove_with_progress(rados_ioctx_t io, const char *name,
    librbd_progress_fn_t cb, void *cbdata);

/* since 12.2.0 */
CEPH_RBD_API int rbd_rename(rados_ioctx_t src_io_ctx, const char *srcname,
    const char *destname);

/* since 12.2.0 */
CEPH_RBD_API int rbd_trash_move(rados_ioctx_t io, const char *name,
    uint64_t delay);

/* since 12.2.0 */
CEPH_RBD_API int rbd_trash_get(rados_ioctx_t io, const char *id,
    rbd_trash_image_info_t *info);

/* since 12.2.0 */
CEPH_RBD_API void rbd_trash_get_cleanup(rbd_trash_image_info_t *info);

/* since 12.2.0 */
CEPH_RBD_API int rbd_trash_list(rados_ioctx_t io,
    rbd_trash_image_info_t *trash_entries, size_t *num_entries);

/* since 12.2.0 */
CEPH_RBD_API void rbd_trash_list_cleanup(rbd_trash_image_info_t *trash_entries,
    size_t num_entries);

/* since 14.2.0; stub: expiry and pool-usage threshold logic of Nautilus librbd */
CEPH_RBD_API int rbd_trash_purge(rados_ioctx_t io, time_t expire_ts,
    float threshold);

/* since 14.2.0; stub: expiry and pool-usage threshold logic of Nautilus librbd */
CEPH_RBD_API int rbd_trash_purge_with_progress(rados_ioctx_t io,
    time_t expire_ts, float threshold, librbd_progress_fn_t cb, void *cbdata);

/* since 12.2.0 */
CEPH_RBD_API int rbd_trash_remove(rados_ioctx_t io, const char *id,
    bool force);

/* since 12.2.0 */
CEPH_RBD_API int rbd_trash_remove_with_progress(rados_ioctx_t io,
    const char *id, bool force, librbd_progress_fn_t cb, void *cbdata);

/* since 12.2.0 */
CEPH_RBD_API int rbd_trash_restore(rados_ioctx_t io, const char *id,
    const char *name);

/* since 14.2.0; stub: live migration needs Nautilus librbd */
CEPH_RBD_API int rbd_migration_prepare(rados_ioctx_t ioctx,
    const char *image_name, rados_ioctx_t dest_ioctx,
    const char *dest_image_name, rbd_image_options_t opts);

/* since 16.2.0; stub: import-only migration needs Pacific librbd */
CEPH_RBD_API int rbd_migration_prepare_import(const char *source_spec,
    rados_ioctx_t dest_ioctx, const char *dest_image_name,
    rbd_image_options_t opts);

/* since 14.2.0; stub: live migration needs Nautilus librbd */
CEPH_RBD_API int rbd_migration_execute(rados_ioctx_t ioctx,
    const char *image_name);

/* since 14.2.0; stub: live migration needs Nautilus librbd */
CEPH_RBD_API int rbd_migration_execute_with_progress(rados_ioctx_t ioctx,
    const char *image_name, librbd_progress_fn_t cb, void *cbdata);

/* since 14.2.0; stub: live migration needs Nautilus librbd */
CEPH_RBD_API int rbd_migration_abort(rados_ioctx_t ioctx,
    const char *image_name);

/* since 14.2.0; stub: live migration needs Nautilus librbd */
CEPH_RBD_API int rbd_migration_abort_with_progress(rados_ioctx_t ioctx,
    const char *image_name, librbd_progress_fn_t cb, void *cbdata);

/* since 14.2.0; stub: live migration needs Nautilus librbd */
CEPH_RBD_API int rbd_migration_commit(rados_ioctx_t ioctx,
    const char *image_name);

/* since 14.2.0; stub: live migration needs Nautilus librbd */
CEPH_RBD_API int rbd_migration_commit_with_progress(rados_ioctx_t ioctx,
    const char *image_name, librbd_progress_fn_t cb, void *cbdata);

/* since 14.2.0; stub: live migration needs Nautilus librbd */
CEPH_RBD_API int rbd_migration_status(rados_ioctx_t ioctx,
    const char *image_name, rbd_image_migration_status_t *status,
    size_t status_size);

/* since 14.2.0 */
CEPH_RBD_API void rbd_migration_status_cleanup(rbd_image_migration_status_t *status);

/* since 14.2.x; note: a Nautilus point release after 14.2.0, by 14.2.21 (not pinned); stub: mirror site names need Nautilus 14.2.x librbd */
CEPH_RBD_API int rbd_mirror_site_name_get(rados_t cluster, char *name,
    size_t *max_len);

/* since 14.2.x; note: a Nautilus point release after 14.2.0, by 14.2.21 (not pinned); stub: mirror site names need Nautilus 14.2.x librbd */
CEPH_RBD_API int rbd_mirror_site_name_set(rados_t cluster, const char *name);

/* since 12.2.0 */
CEPH_RBD_API int rbd_mirror_mode_get(rados_ioctx_t io_ctx,
    rbd_mirror_mode_t *mirror_mode);

/* since 12.2.0 */
CEPH_RBD_API int rbd_mirror_mode_set(rados_ioctx_t io_ctx,
    rbd_mirror_mode_t mirror_mode);

/* since 20.2.0; stub: remote namespace mirroring needs Tentacle librbd */
CEPH_RBD_API int rbd_mirror_remote_namespace_get(rados_ioctx_t io_ctx,
    char *remote_namespace, size_t *max_len);

/* since 20.2.0; stub: remote namespace mirroring needs Tentacle librbd */
CEPH_RBD_API int rbd_mirror_remote_namespace_set(rados_ioctx_t io_ctx,
    const char *remote_namespace);

/* since 15.2.0 */
CEPH_RBD_API int rbd_mirror_uuid_get(rados_ioctx_t io_ctx, char *uuid,
    size_t *max_len);

/* since 14.2.x; note: a Nautilus point release after 14.2.0, by 14.2.21 (not pinned); stub: peer bootstrap tokens need Nautilus 14.2.x librbd */
CEPH_RBD_API int rbd_mirror_peer_bootstrap_create(rados_ioctx_t io_ctx,
    char *token, size_t *max_len);

/* since 14.2.x; note: a Nautilus point release after 14.2.0, by 14.2.21 (not pinned); stub: peer bootstrap tokens need Nautilus 14.2.x librbd */
CEPH_RBD_API int rbd_mirror_peer_bootstrap_import(rados_ioctx_t io_ctx,
    rbd_mirror_peer_direction_t direction, const char *token);

/* since 15.2.0 */
CEPH_RBD_API int rbd_mirror_peer_site_add(rados_ioctx_t io_ctx, char *uuid,
    size_t uuid_max_length, rbd_mirror_peer_direction_t direction,
    const char *site_name, const char *client_name);

/* since 15.2.0 */
CEPH_RBD_API int rbd_mirror_peer_site_set_name(rados_ioctx_t io_ctx,
    const char *uuid, const char *site_name);

/* since 15.2.0 */
CEPH_RBD_API int rbd_mirror_peer_site_set_client_name(rados_ioctx_t io_ctx,
    const char *uuid, const char *client_name);

/* since 15.2.0; stub: older peers have no direction to set */
CEPH_RBD_API int rbd_mirror_peer_site_set_direction(rados_ioctx_t io_ctx,
    const char *uuid, rbd_mirror_peer_direction_t direction);

/* since 15.2.0 */
CEPH_RBD_API int rbd_mirror_peer_site_remove(rados_ioctx_t io_ctx,
    const char *uuid);

/* since 15.2.0; stub: older peer lists have no direction, mirror_uuid or last_seen */
CEPH_RBD_API int rbd_mirror_peer_site_list(rados_ioctx_t io_ctx,
    rbd_mirror_peer_site_t *peers, int *max_peers);

/* since 15.2.0 */
CEPH_RBD_API void rbd_mirror_peer_site_list_cleanup(rbd_mirror_peer_site_t *peers,
    int max_peers);

/* since 15.2.0 */
CEPH_RBD_API int rbd_mirror_peer_site_get_attributes(rados_ioctx_t p,
    const char *uuid, char *keys, size_t *max_key_len, char *values,
    size_t *max_value_len, size_t *key_value_count);

/* since 15.2.0 */
CEPH_RBD_API int rbd_mirror_peer_site_set_attributes(rados_ioctx_t p,
    const char *uuid, const char *keys, const char *values,
    size_t key_value_count);

/* since 15.2.0; stub: per-site mirror status needs Octopus librbd */
CEPH_RBD_API int rbd_mirror_image_global_status_list(rados_ioctx_t io_ctx,
    const char *start_id, size_t max, char **image_ids,
    rbd_mirror_image_global_status_t *images, size_t *len);

/* since 15.2.0 */
CEPH_RBD_API void rbd_mirror_image_global_status_list_cleanup(char **image_ids,
    rbd_mirror_image_global_status_t *images, size_t len);

/* since 12.2.0 */
CEPH_RBD_API int rbd_mirror_peer_add(rados_ioctx_t io_ctx, char *uuid,
    size_t uuid_max_length, const char *cluster_name,
    const char *client_name) CEPH_RBD_DEPRECATED;

/* since 12.2.0 */
CEPH_RBD_API int rbd_mirror_peer_remove(rados_ioctx_t io_ctx,
    const char *uuid) CEPH_RBD_DEPRECATED;

/* since 12.2.0 */
CEPH_RBD_API int rbd_mirror_peer_list(rados_ioctx_t io_ctx,
    rbd_mirror_peer_t *peers, int *max_peers) CEPH_RBD_DEPRECATED;

/* since 12.2.0 */
CEPH_RBD_API void rbd_mirror_peer_list_cleanup(rbd_mirror_peer_t *peers,
    int max_peers) CEPH_RBD_DEPRECATED;

/* since 12.2.0 */
CEPH_RBD_API int rbd_mirror_peer_set_client(rados_ioctx_t io_ctx,
    const char *uuid, const char *client_name) CEPH_RBD_DEPRECATED;

/* since 12.2.0 */
CEPH_RBD_API int rbd_mirror_peer_set_cluster(rados_ioctx_t io_ctx,
    const char *uuid, const char *cluster_name) CEPH_RBD_DEPRECATED;

/* since 14.2.0; stub: peer attributes (mon_host, key) need Nautilus librbd */
CEPH_RBD_API int rbd_mirror_peer_get_attributes(rados_ioctx_t p,
    const char *uuid, char *keys, size_t *max_key_len, char *values,
    size_t *max_value_len, size_t *key_value_count) CEPH_RBD_DEPRECATED;

/* since 14.2.0; stub: peer attributes (mon_host, key) need Nautilus librbd */
CEPH_RBD_API int rbd_mirror_peer_set_attributes(rados_ioctx_t p,
    const char *uuid, const char *keys, const char *values,
    size_t key_value_count) CEPH_RBD_DEPRECATED;

/* since 12.2.0 */
CEPH_RBD_API int rbd_mirror_image_status_list(rados_ioctx_t io_ctx,
    const char *start_id, size_t max, char **image_ids,
    rbd_mirror_image_status_t *images, size_t *len) CEPH_RBD_DEPRECATED;

/* since 12.2.0 */
CEPH_RBD_API void rbd_mirror_image_status_list_cleanup(char **image_ids,
    rbd_mirror_image_status_t *images, size_t len) CEPH_RBD_DEPRECATED;

/* since 12.2.0 */
CEPH_RBD_API int rbd_mirror_image_status_summary(rados_ioctx_t io_ctx,
    rbd_mirror_image_status_state_t *states, int *counts, size_t *maxlen);

/* since 14.2.0; stub: rbd-mirror instance records are read by Nautilus librbd only */
CEPH_RBD_API int rbd_mirror_image_instance_id_list(rados_ioctx_t io_ctx,
    const char *start_id, size_t max, char **image_ids, char **instance_ids,
    size_t *len);

/* since 14.2.0 */
CEPH_RBD_API void rbd_mirror_image_instance_id_list_cleanup(char **image_ids,
    char **instance_ids, size_t len);

/* since 15.2.0; stub: mirror image modes need Octopus librbd */
CEPH_RBD_API int rbd_mirror_image_info_list(rados_ioctx_t io_ctx,
    rbd_mirror_image_mode_t *mode_filter, const char *start_id, size_t max,
    char **image_ids, rbd_mirror_image_mode_t *mode_entries,
    rbd_mirror_image_info_t *info_entries, size_t *num_entries);

/* since 15.2.0 */
CEPH_RBD_API void rbd_mirror_image_info_list_cleanup(char **image_ids,
    rbd_mirror_image_info_t *info_entries, size_t num_entries);

/* since 14.2.0; stub: pool metadata needs Nautilus librbd */
CEPH_RBD_API int rbd_pool_metadata_get(rados_ioctx_t io_ctx, const char *key,
    char *value, size_t *val_len);

/* since 14.2.0; stub: pool metadata needs Nautilus librbd */
CEPH_RBD_API int rbd_pool_metadata_set(rados_ioctx_t io_ctx, const char *key,
    const char *value);

/* since 14.2.0; stub: pool metadata needs Nautilus librbd */
CEPH_RBD_API int rbd_pool_metadata_remove(rados_ioctx_t io_ctx,
    const char *key);

/* since 14.2.0; stub: pool metadata needs Nautilus librbd */
CEPH_RBD_API int rbd_pool_metadata_list(rados_ioctx_t io_ctx,
    const char *start, uint64_t max, char *keys, size_t *key_len, char *values,
    size_t *vals_len);

/* since 14.2.0; stub: needs the vendor configuration schema (Nautilus) */
CEPH_RBD_API int rbd_config_pool_list(rados_ioctx_t io_ctx,
    rbd_config_option_t *options, int *max_options);

/* since 14.2.0 */
CEPH_RBD_API void rbd_config_pool_list_cleanup(rbd_config_option_t *options,
    int max_options);

/* since 12.2.0 */
CEPH_RBD_API int rbd_open(rados_ioctx_t io, const char *name,
    rbd_image_t *image, const char *snap_name);

/* since 12.2.0 */
CEPH_RBD_API int rbd_open_by_id(rados_ioctx_t io, const char *id,
    rbd_image_t *image, const char *snap_name);

/* since 12.2.0 */
CEPH_RBD_API int rbd_aio_open(rados_ioctx_t io, const char *name,
    rbd_image_t *image, const char *snap_name, rbd_completion_t c);

/* since 12.2.0 */
CEPH_RBD_API int rbd_aio_open_by_id(rados_ioctx_t io, const char *id,
    rbd_image_t *image, const char *snap_name, rbd_completion_t c);

/* since 12.2.0 */
CEPH_RBD_API int rbd_open_read_only(rados_ioctx_t io, const char *name,
    rbd_image_t *image, const char *snap_name);

/* since 12.2.0 */
CEPH_RBD_API int rbd_open_by_id_read_only(rados_ioctx_t io, const char *id,
    rbd_image_t *image, const char *snap_name);

/* since 12.2.0 */
CEPH_RBD_API int rbd_aio_open_read_only(rados_ioctx_t io, const char *name,
    rbd_image_t *image, const char *snap_name, rbd_completion_t c);

/* since 12.2.0 */
CEPH_RBD_API int rbd_aio_open_by_id_read_only(rados_ioctx_t io, const char *id,
    rbd_image_t *image, const char *snap_name, rbd_completion_t c);

/* since 16.2.0 */
CEPH_RBD_API int rbd_features_to_string(uint64_t features, char *str_features,
    size_t *size);

/* since 16.2.0 */
CEPH_RBD_API int rbd_features_from_string(const char *str_features,
    uint64_t *features);

/* since 12.2.0 */
CEPH_RBD_API int rbd_close(rbd_image_t image);

/* since 12.2.0 */
CEPH_RBD_API int rbd_aio_close(rbd_image_t image, rbd_completion_t c);

/* since 12.2.0 */
CEPH_RBD_API int rbd_resize(rbd_image_t image, uint64_t size);

/* since 12.2.0 */
CEPH_RBD_API int rbd_resize2(rbd_image_t image, uint64_t size,
    bool allow_shrink, librbd_progress_fn_t cb, void *cbdata);

/* since 12.2.0 */
CEPH_RBD_API int rbd_resize_with_progress(rbd_image_t image, uint64_t size,
    librbd_progress_fn_t cb, void *cbdata);

/* since 12.2.0 */
CEPH_RBD_API int rbd_stat(rbd_image_t image, rbd_image_info_t *info,
    size_t infosize);

/* since 12.2.0 */
CEPH_RBD_API int rbd_get_old_format(rbd_image_t image, uint8_t *old);

/* since 12.2.0 */
CEPH_RBD_API int rbd_get_size(rbd_image_t image, uint64_t *size);

/* since 12.2.0 */
CEPH_RBD_API int rbd_get_features(rbd_image_t image, uint64_t *features);

/* since 12.2.0 */
CEPH_RBD_API int rbd_update_features(rbd_image_t image, uint64_t features,
    uint8_t enabled);

/* since 13.2.0; stub: operation features are read by Mimic librbd only */
CEPH_RBD_API int rbd_get_op_features(rbd_image_t image, uint64_t *op_features);

/* since 12.2.0 */
CEPH_RBD_API int rbd_get_stripe_unit(rbd_image_t image, uint64_t *stripe_unit);

/* since 12.2.0 */
CEPH_RBD_API int rbd_get_stripe_count(rbd_image_t image,
    uint64_t *stripe_count);

/* since 12.2.0 */
CEPH_RBD_API int rbd_get_create_timestamp(rbd_image_t image,
    struct timespec *timestamp);

/* since 14.2.0; stub: image access times are read by Nautilus librbd only */
CEPH_RBD_API int rbd_get_access_timestamp(rbd_image_t image,
    struct timespec *timestamp);

/* since 14.2.0; stub: image modify times are read by Nautilus librbd only */
CEPH_RBD_API int rbd_get_modify_timestamp(rbd_image_t image,
    struct timespec *timestamp);

/* since 12.2.0 */
CEPH_RBD_API int rbd_get_overlap(rbd_image_t image, uint64_t *overlap);

/* since 14.2.0; stub: an open image handle gives no older call its name */
CEPH_RBD_API int rbd_get_name(rbd_image_t image, char *name, size_t *name_len);

/* since 12.2.0 */
CEPH_RBD_API int rbd_get_id(rbd_image_t image, char *id, size_t id_len);

/* since 12.2.0 */
CEPH_RBD_API int rbd_get_block_name_prefix(rbd_image_t image, char *prefix,
    size_t prefix_len);

/* since 12.2.0 */
CEPH_RBD_API int64_t rbd_get_data_pool_id(rbd_image_t image);

/* since 12.2.0 */
CEPH_RBD_API int rbd_get_parent_info(rbd_image_t image, char *parent_poolname,
    size_t ppoolnamelen, char *parent_name, size_t pnamelen,
    char *parent_snapname, size_t psnapnamelen) CEPH_RBD_DEPRECATED;

/* since 12.2.0 */
CEPH_RBD_API int rbd_get_parent_info2(rbd_image_t image, char *parent_poolname,
    size_t ppoolnamelen, char *parent_name, size_t pnamelen, char *parent_id,
    size_t pidlen, char *parent_snapname,
    size_t psnapnamelen) CEPH_RBD_DEPRECATED;

/* since 14.2.0; stub: older calls lack the parent pool id, namespace, trash state, snap id */
CEPH_RBD_API int rbd_get_parent(rbd_image_t image,
    rbd_linked_image_spec_t *parent_image, rbd_snap_spec_t *parent_snap);

/* since 16.2.0; stub: import-only migration needs Pacific librbd */
CEPH_RBD_API int rbd_get_migration_source_spec(rbd_image_t image,
    char *source_spec, size_t *max_len);

/* since 12.2.0 */
CEPH_RBD_API int rbd_get_flags(rbd_image_t image, uint64_t *flags);

/* since 13.2.0; stub: consistency groups need Mimic librbd (cls_rbd group records) */
CEPH_RBD_API int rbd_get_group(rbd_image_t image, rbd_group_info_t *group_info,
    size_t group_info_size);

/* since 12.2.0 */
CEPH_RBD_API int rbd_set_image_notification(rbd_image_t image, int fd,
    int type);

/* since 12.2.0 */
CEPH_RBD_API int rbd_is_exclusive_lock_owner(rbd_image_t image, int *is_owner);

/* since 12.2.0 */
CEPH_RBD_API int rbd_lock_acquire(rbd_image_t image,
    rbd_lock_mode_t lock_mode);

/* since 12.2.0 */
CEPH_RBD_API int rbd_lock_release(rbd_image_t image);

/* since 12.2.0 */
CEPH_RBD_API int rbd_lock_get_owners(rbd_image_t image,
    rbd_lock_mode_t *lock_mode, char **lock_owners, size_t *max_lock_owners);

/* since 12.2.0 */
CEPH_RBD_API void rbd_lock_get_owners_cleanup(char **lock_owners,
    size_t lock_owner_count);

/* since 12.2.0 */
CEPH_RBD_API int rbd_lock_break(rbd_image_t image, rbd_lock_mode_t lock_mode,
    const char *lock_owner);

/* since 12.2.0 */
CEPH_RBD_API int rbd_rebuild_object_map(rbd_image_t image,
    librbd_progress_fn_t cb, void *cbdata);

/* since 12.2.0 */
CEPH_RBD_API int rbd_copy(rbd_image_t image, rados_ioctx_t dest_io_ctx,
    const char *destname);

/* since 12.2.0 */
CEPH_RBD_API int rbd_copy2(rbd_image_t src, rbd_image_t dest);

/* since 12.2.0 */
CEPH_RBD_API int rbd_copy3(rbd_image_t src, rados_ioctx_t dest_io_ctx,
    const char *destname, rbd_image_options_t dest_opts);

/* since 12.2.0 */
CEPH_RBD_API int rbd_copy4(rbd_image_t src, rados_ioctx_t dest_io_ctx,
    const char *destname, rbd_image_options_t dest_opts, size_t sparse_size);

/* since 12.2.0 */
CEPH_RBD_API int rbd_copy_with_progress(rbd_image_t image,
    rados_ioctx_t dest_p, const char *destname, librbd_progress_fn_t cb,
    void *cbdata);

/* since 12.2.0 */
CEPH_RBD_API int rbd_copy_with_progress2(rbd_image_t src, rbd_image_t dest,
    librbd_progress_fn_t cb, void *cbdata);

/* since 12.2.0 */
CEPH_RBD_API int rbd_copy_with_progress3(rbd_image_t image,
    rados_ioctx_t dest_p, const char *destname, rbd_image_options_t dest_opts,
    librbd_progress_fn_t cb, void *cbdata);

/* since 12.2.0 */
CEPH_RBD_API int rbd_copy_with_progress4(rbd_image_t image,
    rados_ioctx_t dest_p, const char *destname, rbd_image_options_t dest_opts,
    librbd_progress_fn_t cb, void *cbdata, size_t sparse_size);

/* since 13.2.0; stub: copying snapshots needs Mimic librbd (rbd_copy copies the head only) */
CEPH_RBD_API int rbd_deep_copy(rbd_image_t src, rados_ioctx_t dest_io_ctx,
    const char *destname, rbd_image_options_t dest_opts);

/* since 13.2.0; stub: copying snapshots needs Mimic librbd (rbd_copy copies the head only) */
CEPH_RBD_API int rbd_deep_copy_with_progress(rbd_image_t image,
    rados_ioctx_t dest_io_ctx, const char *destname,
    rbd_image_options_t dest_opts, librbd_progress_fn_t cb, void *cbdata);

/* since 16.2.0; stub: the encryption layer needs Pacific librbd */
CEPH_RBD_API int rbd_encryption_format(rbd_image_t image,
    rbd_encryption_format_t format, rbd_encryption_options_t opts,
    size_t opts_size);

/* since 16.2.0; stub: the encryption layer needs Pacific librbd */
CEPH_RBD_API int rbd_encryption_load(rbd_image_t image,
    rbd_encryption_format_t format, rbd_encryption_options_t opts,
    size_t opts_size);

/* since 18.2.0; stub: the encryption layer needs Pacific librbd */
CEPH_RBD_API int rbd_encryption_load2(rbd_image_t image,
    const rbd_encryption_spec_t *specs, size_t spec_count);

/* since 12.2.0 */
CEPH_RBD_API int rbd_snap_list(rbd_image_t image, rbd_snap_info_t *snaps,
    int *max_snaps);

/* since 12.2.0 */
CEPH_RBD_API void rbd_snap_list_end(rbd_snap_info_t *snaps);

/* since 16.2.0 */
CEPH_RBD_API int rbd_snap_exists(rbd_image_t image, const char *snapname,
    bool *exists);

/* since 12.2.0 */
CEPH_RBD_API int rbd_snap_create(rbd_image_t image, const char *snapname);

/* since 16.2.0 */
CEPH_RBD_API int rbd_snap_create2(rbd_image_t image, const char *snap_name,
    uint32_t flags, librbd_progress_fn_t cb, void *cbdata);

/* since 12.2.0 */
CEPH_RBD_API int rbd_snap_remove(rbd_image_t image, const char *snapname);

/* since 12.2.0 */
CEPH_RBD_API int rbd_snap_remove2(rbd_image_t image, const char *snap_name,
    uint32_t flags, librbd_progress_fn_t cb, void *cbdata);

/* since 14.2.0 */
CEPH_RBD_API int rbd_snap_remove_by_id(rbd_image_t image, uint64_t snap_id);

/* since 12.2.0 */
CEPH_RBD_API int rbd_snap_rollback(rbd_image_t image, const char *snapname);

/* since 12.2.0 */
CEPH_RBD_API int rbd_snap_rollback_with_progress(rbd_image_t image,
    const char *snapname, librbd_progress_fn_t cb, void *cbdata);

/* since 12.2.0 */
CEPH_RBD_API int rbd_snap_rename(rbd_image_t image, const char *snapname,
    const char *dstsnapsname);

/* since 12.2.0 */
CEPH_RBD_API int rbd_snap_protect(rbd_image_t image, const char *snap_name);

/* since 12.2.0 */
CEPH_RBD_API int rbd_snap_unprotect(rbd_image_t image, const char *snap_name);

/* since 12.2.0 */
CEPH_RBD_API int rbd_snap_is_protected(rbd_image_t image,
    const char *snap_name, int *is_protected);

/* since 12.2.0 */
CEPH_RBD_API int rbd_snap_get_limit(rbd_image_t image, uint64_t *limit);

/* since 12.2.0 */
CEPH_RBD_API int rbd_snap_set_limit(rbd_image_t image, uint64_t limit);

/* since 12.2.0 */
CEPH_RBD_API int rbd_snap_get_timestamp(rbd_image_t image, uint64_t snap_id,
    struct timespec *timestamp);

/* since 12.2.0 */
CEPH_RBD_API int rbd_snap_set(rbd_image_t image, const char *snapname);

/* since 14.2.0 */
CEPH_RBD_API int rbd_snap_set_by_id(rbd_image_t image, uint64_t snap_id);

/* since 16.2.0 */
CEPH_RBD_API int rbd_snap_get_name(rbd_image_t image, uint64_t snap_id,
    char *snapname, size_t *name_len);

/* since 16.2.0 */
CEPH_RBD_API int rbd_snap_get_id(rbd_image_t image, const char *snapname,
    uint64_t *snap_id);

/* since 13.2.0; stub: snapshot namespaces are read by Mimic librbd only */
CEPH_RBD_API int rbd_snap_get_namespace_type(rbd_image_t image,
    uint64_t snap_id, rbd_snap_namespace_type_t *namespace_type);

/* since 13.2.0; stub: consistency groups need Mimic librbd (cls_rbd group records) */
CEPH_RBD_API int rbd_snap_get_group_namespace(rbd_image_t image,
    uint64_t snap_id, rbd_snap_group_namespace_t *group_snap,
    size_t group_snap_size);

/* since 13.2.0 */
CEPH_RBD_API int rbd_snap_group_namespace_cleanup(rbd_snap_group_namespace_t *group_snap,
    size_t group_snap_size);

/* since 14.2.0; stub: trash snapshots (clone v2) are read by Nautilus librbd only */
CEPH_RBD_API int rbd_snap_get_trash_namespace(rbd_image_t image,
    uint64_t snap_id, char *original_name, size_t max_length);

/* since 19.2.0; stub: the original namespace type is not reported by rbd_snap_get_trash_namespace */
CEPH_RBD_API int rbd_snap_get_trash_namespace2(rbd_image_t image,
    uint64_t snap_id, rbd_snap_trash_namespace_t *trash_snap,
    size_t trash_snap_size);

/* since 19.2.0 */
CEPH_RBD_API int rbd_snap_trash_namespace_cleanup(rbd_snap_trash_namespace_t *trash_snap,
    size_t trash_snap_size);

/* since 15.2.0; stub: snapshot-based mirroring needs Octopus librbd */
CEPH_RBD_API int rbd_snap_get_mirror_namespace(rbd_image_t image,
    uint64_t snap_id, rbd_snap_mirror_namespace_t *mirror_snap,
    size_t mirror_snap_size);

/* since 15.2.0 */
CEPH_RBD_API int rbd_snap_mirror_namespace_cleanup(rbd_snap_mirror_namespace_t *mirror_snap,
    size_t mirror_snap_size);

/* since 12.2.0 */
CEPH_RBD_API int rbd_flatten(rbd_image_t image);

/* since 12.2.0 */
CEPH_RBD_API int rbd_flatten_with_progress(rbd_image_t image,
    librbd_progress_fn_t cb, void *cbdata);

/* since 14.2.0; stub: sparsify needs Nautilus librbd */
CEPH_RBD_API int rbd_sparsify(rbd_image_t image, size_t sparse_size);

/* since 14.2.0; stub: sparsify needs Nautilus librbd */
CEPH_RBD_API int rbd_sparsify_with_progress(rbd_image_t image,
    size_t sparse_size, librbd_progress_fn_t cb, void *cbdata);

/* since 12.2.0 */
CEPH_RBD_API ssize_t rbd_list_children(rbd_image_t image, char *pools,
    size_t *pools_len, char *images, size_t *images_len) CEPH_RBD_DEPRECATED;

/* since 13.2.0; stub: rbd_list_children reports no image ids and hides children in the trash */
CEPH_RBD_API int rbd_list_children2(rbd_image_t image,
    rbd_child_info_t *children, int *max_children) CEPH_RBD_DEPRECATED;

/* since 13.2.0 */
CEPH_RBD_API void rbd_list_child_cleanup(rbd_child_info_t *child) CEPH_RBD_DEPRECATED;

/* since 13.2.0 */
CEPH_RBD_API void rbd_list_children_cleanup(rbd_child_info_t *children,
    size_t num_children) CEPH_RBD_DEPRECATED;

/* since 14.2.0; stub: older calls lack child pool ids, namespaces, ids, trash state */
CEPH_RBD_API int rbd_list_children3(rbd_image_t image,
    rbd_linked_image_spec_t *images, size_t *max_images);

/* since 14.2.0; stub: older calls lack child pool ids, namespaces, ids, trash state */
CEPH_RBD_API int rbd_list_descendants(rbd_image_t image,
    rbd_linked_image_spec_t *images, size_t *max_images);

/* since 12.2.0 */
CEPH_RBD_API ssize_t rbd_list_lockers(rbd_image_t image, int *exclusive,
    char *tag, size_t *tag_len, char *clients, size_t *clients_len,
    char *cookies, size_t *cookies_len, char *addrs, size_t *addrs_len);

/* since 12.2.0 */
CEPH_RBD_API int rbd_lock_exclusive(rbd_image_t image, const char *cookie);

/* since 12.2.0 */
CEPH_RBD_API int rbd_lock_shared(rbd_image_t image, const char *cookie,
    const char *tag);

/* since 12.2.0 */
CEPH_RBD_API int rbd_unlock(rbd_image_t image, const char *cookie);

/* since 12.2.0 */
CEPH_RBD_API int rbd_break_lock(rbd_image_t image, const char *client,
    const char *cookie);

/* since 12.2.0 */
CEPH_RBD_API ssize_t rbd_read(rbd_image_t image, uint64_t ofs, size_t len,
    char *buf);

/* since 12.2.0 */
CEPH_RBD_API ssize_t rbd_read2(rbd_image_t image, uint64_t ofs, size_t len,
    char *buf, int op_flags);

/* since 12.2.0 */
CEPH_RBD_API int64_t rbd_read_iterate(rbd_image_t image, uint64_t ofs,
    size_t len, int (*cb)(uint64_t, size_t, const char *, void *), void *arg);

/* since 12.2.0 */
CEPH_RBD_API int rbd_read_iterate2(rbd_image_t image, uint64_t ofs,
    uint64_t len, int (*cb)(uint64_t, size_t, const char *, void *),
    void *arg);

/* since 12.2.0 */
CEPH_RBD_API int rbd_diff_iterate(rbd_image_t image, const char *fromsnapname,
    uint64_t ofs, uint64_t len, int (*cb)(uint64_t, size_t, int, void *),
    void *arg);

/* since 12.2.0 */
CEPH_RBD_API int rbd_diff_iterate2(rbd_image_t image, const char *fromsnapname,
    uint64_t ofs, uint64_t len, uint8_t include_parent, uint8_t whole_object,
    int (*cb)(uint64_t, size_t, int, void *), void *arg);

/* since 18.2.7; note: also in squid from 19.2.3 */
CEPH_RBD_API int rbd_diff_iterate3(rbd_image_t image, uint64_t from_snap_id,
    uint64_t ofs, uint64_t len, uint32_t flags,
    int (*cb)(uint64_t, size_t, int, void *), void *arg);

/* since 12.2.0 */
CEPH_RBD_API ssize_t rbd_write(rbd_image_t image, uint64_t ofs, size_t len,
    const char *buf);

/* since 12.2.0 */
CEPH_RBD_API ssize_t rbd_write2(rbd_image_t image, uint64_t ofs, size_t len,
    const char *buf, int op_flags);

/* since 12.2.0 */
CEPH_RBD_API int rbd_discard(rbd_image_t image, uint64_t ofs, uint64_t len);

/* since 12.2.0 */
CEPH_RBD_API ssize_t rbd_writesame(rbd_image_t image, uint64_t ofs, size_t len,
    const char *buf, size_t data_len, int op_flags);

/* since 14.2.x; note: a Nautilus point release after 14.2.0, by 14.2.21 (not pinned); stub: older discard/writesame zero data only as vendor settings allow */
CEPH_RBD_API ssize_t rbd_write_zeroes(rbd_image_t image, uint64_t ofs,
    size_t len, int zero_flags, int op_flags);

/* since 12.2.0 */
CEPH_RBD_API ssize_t rbd_compare_and_write(rbd_image_t image, uint64_t ofs,
    size_t len, const char *cmp_buf, const char *buf, uint64_t *mismatch_off,
    int op_flags);

/* since 12.2.0 */
CEPH_RBD_API int rbd_aio_write(rbd_image_t image, uint64_t off, size_t len,
    const char *buf, rbd_completion_t c);

/* since 12.2.0 */
CEPH_RBD_API int rbd_aio_write2(rbd_image_t image, uint64_t off, size_t len,
    const char *buf, rbd_completion_t c, int op_flags);

/* since 20.2.0 */
CEPH_RBD_API int rbd_aio_write_with_crc32c(rbd_image_t image, uint64_t off,
    size_t len, const char *buf, uint32_t precomputed_crc32c,
    rbd_completion_t c, int op_flags);

/* since 12.2.0 */
CEPH_RBD_API int rbd_aio_writev(rbd_image_t image, const struct iovec *iov,
    int iovcnt, uint64_t off, rbd_completion_t c);

/* since 12.2.0 */
CEPH_RBD_API int rbd_aio_read(rbd_image_t image, uint64_t off, size_t len,
    char *buf, rbd_completion_t c);

/* since 12.2.0 */
CEPH_RBD_API int rbd_aio_read2(rbd_image_t image, uint64_t off, size_t len,
    char *buf, rbd_completion_t c, int op_flags);

/* since 12.2.0 */
CEPH_RBD_API int rbd_aio_readv(rbd_image_t image, const struct iovec *iov,
    int iovcnt, uint64_t off, rbd_completion_t c);

/* since 12.2.0 */
CEPH_RBD_API int rbd_aio_discard(rbd_image_t image, uint64_t off, uint64_t len,
    rbd_completion_t c);

/* since 12.2.0 */
CEPH_RBD_API int rbd_aio_writesame(rbd_image_t image, uint64_t off, size_t len,
    const char *buf, size_t data_len, rbd_completion_t c, int op_flags);

/* since 14.2.x; note: a Nautilus point release after 14.2.0, by 14.2.21 (not pinned); stub: older discard/writesame zero data only as vendor settings allow */
CEPH_RBD_API int rbd_aio_write_zeroes(rbd_image_t image, uint64_t off,
    size_t len, rbd_completion_t c, int zero_flags, int op_flags);

/* since 12.2.0 */
CEPH_RBD_API ssize_t rbd_aio_compare_and_write(rbd_image_t image, uint64_t off,
    size_t len, const char *cmp_buf, const char *buf, rbd_completion_t c,
    uint64_t *mismatch_off, int op_flags);

/* since 18.2.0; stub: flattened iovec copies would have to outlive the request */
CEPH_RBD_API ssize_t rbd_aio_compare_and_writev(rbd_image_t image,
    uint64_t off, const struct iovec *cmp_iov, int cmp_iovcnt,
    const struct iovec *iov, int iovcnt, rbd_completion_t c,
    uint64_t *mismatch_off, int op_flags);

/* since 12.2.0 */
CEPH_RBD_API int rbd_aio_create_completion(void *cb_arg,
    rbd_callback_t complete_cb, rbd_completion_t *c);

/* since 12.2.0 */
CEPH_RBD_API int rbd_aio_is_complete(rbd_completion_t c);

/* since 12.2.0 */
CEPH_RBD_API int rbd_aio_wait_for_complete(rbd_completion_t c);

/* since 12.2.0 */
CEPH_RBD_API ssize_t rbd_aio_get_return_value(rbd_completion_t c);

/* since 12.2.0 */
CEPH_RBD_API void *rbd_aio_get_arg(rbd_completion_t c);

/* since 12.2.0 */
CEPH_RBD_API void rbd_aio_release(rbd_completion_t c);

/* since 12.2.0 */
CEPH_RBD_API int rbd_flush(rbd_image_t image);

/* since 12.2.0 */
CEPH_RBD_API int rbd_aio_flush(rbd_image_t image, rbd_completion_t c);

/* since 12.2.0 */
CEPH_RBD_API int rbd_invalidate_cache(rbd_image_t image);

/* since 12.2.0 */
CEPH_RBD_API int rbd_poll_io_events(rbd_image_t image, rbd_completion_t *comps,
    int numcomp);

/* since 12.2.0 */
CEPH_RBD_API int rbd_metadata_get(rbd_image_t image, const char *key,
    char *value, size_t *val_len);

/* since 12.2.0 */
CEPH_RBD_API int rbd_metadata_set(rbd_image_t image, const char *key,
    const char *value);

/* since 12.2.0 */
CEPH_RBD_API int rbd_metadata_remove(rbd_image_t image, const char *key);

/* since 12.2.0 */
CEPH_RBD_API int rbd_metadata_list(rbd_image_t image, const char *start,
    uint64_t max, char *keys, size_t *key_len, char *values, size_t *vals_len);

/* since 12.2.0 */
CEPH_RBD_API int rbd_mirror_image_enable(rbd_image_t image) CEPH_RBD_DEPRECATED;

/* since 15.2.0 */
CEPH_RBD_API int rbd_mirror_image_enable2(rbd_image_t image,
    rbd_mirror_image_mode_t mode);

/* since 12.2.0 */
CEPH_RBD_API int rbd_mirror_image_disable(rbd_image_t image, bool force);

/* since 12.2.0 */
CEPH_RBD_API int rbd_mirror_image_promote(rbd_image_t image, bool force);

/* since 12.2.0 */
CEPH_RBD_API int rbd_mirror_image_demote(rbd_image_t image);

/* since 12.2.0 */
CEPH_RBD_API int rbd_mirror_image_resync(rbd_image_t image);

/* since 15.2.0; stub: snapshot-based mirroring needs Octopus librbd */
CEPH_RBD_API int rbd_mirror_image_create_snapshot(rbd_image_t image,
    uint64_t *snap_id);

/* since 16.2.0; stub: snapshot-based mirroring needs Octopus librbd */
CEPH_RBD_API int rbd_mirror_image_create_snapshot2(rbd_image_t image,
    uint32_t flags, uint64_t *snap_id);

/* since 12.2.0 */
CEPH_RBD_API int rbd_mirror_image_get_info(rbd_image_t image,
    rbd_mirror_image_info_t *mirror_image_info, size_t info_size);

/* since 15.2.0 */
CEPH_RBD_API void rbd_mirror_image_get_info_cleanup(rbd_mirror_image_info_t *mirror_image_info);

/* since 15.2.0; stub: mirror image modes need Octopus librbd */
CEPH_RBD_API int rbd_mirror_image_get_mode(rbd_image_t image,
    rbd_mirror_image_mode_t *mode);

/* since 15.2.0; stub: per-site mirror status needs Octopus librbd */
CEPH_RBD_API int rbd_mirror_image_get_global_status(rbd_image_t image,
    rbd_mirror_image_global_status_t *mirror_image_global_status,
    size_t status_size);

/* since 15.2.0 */
CEPH_RBD_API void rbd_mirror_image_global_status_cleanup(rbd_mirror_image_global_status_t *mirror_image_global_status);

/* since 12.2.0 */
CEPH_RBD_API int rbd_mirror_image_get_status(rbd_image_t image,
    rbd_mirror_image_status_t *mirror_image_status,
    size_t status_size) CEPH_RBD_DEPRECATED;

/* since 14.2.0; stub: rbd-mirror instance records are read by Nautilus librbd only */
CEPH_RBD_API int rbd_mirror_image_get_instance_id(rbd_image_t image,
    char *instance_id, size_t *id_max_length);

/* since 12.2.0 */
CEPH_RBD_API int rbd_aio_mirror_image_promote(rbd_image_t image, bool force,
    rbd_completion_t c);

/* since 12.2.0 */
CEPH_RBD_API int rbd_aio_mirror_image_demote(rbd_image_t image,
    rbd_completion_t c);

/* since 12.2.0 */
CEPH_RBD_API int rbd_aio_mirror_image_get_info(rbd_image_t image,
    rbd_mirror_image_info_t *mirror_image_info, size_t info_size,
    rbd_completion_t c);

/* since 16.2.0; stub: mirror image modes need Octopus librbd */
CEPH_RBD_API int rbd_aio_mirror_image_get_mode(rbd_image_t image,
    rbd_mirror_image_mode_t *mode, rbd_completion_t c);

/* since 15.2.0; stub: per-site mirror status needs Octopus librbd */
CEPH_RBD_API int rbd_aio_mirror_image_get_global_status(rbd_image_t image,
    rbd_mirror_image_global_status_t *mirror_global_image_status,
    size_t status_size, rbd_completion_t c);

/* since 12.2.0 */
CEPH_RBD_API int rbd_aio_mirror_image_get_status(rbd_image_t image,
    rbd_mirror_image_status_t *mirror_image_status, size_t status_size,
    rbd_completion_t c) CEPH_RBD_DEPRECATED;

/* since 16.2.0; stub: snapshot-based mirroring needs Octopus librbd */
CEPH_RBD_API int rbd_aio_mirror_image_create_snapshot(rbd_image_t image,
    uint32_t flags, uint64_t *snap_id, rbd_completion_t c);

/* since 13.2.0; stub: consistency groups need Mimic librbd (cls_rbd group records) */
CEPH_RBD_API int rbd_group_create(rados_ioctx_t p, const char *name);

/* since 13.2.0; stub: consistency groups need Mimic librbd (cls_rbd group records) */
CEPH_RBD_API int rbd_group_remove(rados_ioctx_t p, const char *name);

/* since 13.2.0; stub: consistency groups need Mimic librbd (cls_rbd group records) */
CEPH_RBD_API int rbd_group_list(rados_ioctx_t p, char *names, size_t *size);

/* since 19.2.0; stub: no older call reports a group id */
CEPH_RBD_API int rbd_group_get_id(rados_ioctx_t p, const char *group_name,
    char *group_id, size_t *size);

/* since 13.2.0; stub: consistency groups need Mimic librbd (cls_rbd group records) */
CEPH_RBD_API int rbd_group_rename(rados_ioctx_t p, const char *src_name,
    const char *dest_name);

/* since 13.2.0 */
CEPH_RBD_API int rbd_group_info_cleanup(rbd_group_info_t *group_info,
    size_t group_info_size);

/* since 12.2.0 */
CEPH_RBD_API int rbd_update_watch(rbd_image_t image, uint64_t *handle,
    rbd_update_callback_t watch_cb, void *arg);

/* since 12.2.0 */
CEPH_RBD_API int rbd_update_unwatch(rbd_image_t image, uint64_t handle);

/* since 13.2.0; stub: listing image watchers needs Mimic librbd */
CEPH_RBD_API int rbd_watchers_list(rbd_image_t image,
    rbd_image_watcher_t *watchers, size_t *max_watchers);

/* since 13.2.0 */
CEPH_RBD_API void rbd_watchers_list_cleanup(rbd_image_watcher_t *watchers,
    size_t num_watchers);

/* since 14.2.0; stub: needs the vendor configuration schema (Nautilus) */
CEPH_RBD_API int rbd_config_image_list(rbd_image_t image,
    rbd_config_option_t *options, int *max_options);

/* since 14.2.0 */
CEPH_RBD_API void rbd_config_image_list_cleanup(rbd_config_option_t *options,
    int max_options);

/* since 13.2.0; stub: consistency groups need Mimic librbd (cls_rbd group records) */
CEPH_RBD_API int rbd_group_image_add(rados_ioctx_t group_p,
    const char *group_name, rados_ioctx_t image_p, const char *image_name);

/* since 13.2.0; stub: consistency groups need Mimic librbd (cls_rbd group records) */
CEPH_RBD_API int rbd_group_image_remove(rados_ioctx_t group_p,
    const char *group_name, rados_ioctx_t image_p, const char *image_name);

/* since 13.2.0; stub: consistency groups need Mimic librbd (cls_rbd group records) */
CEPH_RBD_API int rbd_group_image_remove_by_id(rados_ioctx_t group_p,
    const char *group_name, rados_ioctx_t image_p, const char *image_id);

/* since 13.2.0; stub: consistency groups need Mimic librbd (cls_rbd group records) */
CEPH_RBD_API int rbd_group_image_list(rados_ioctx_t group_p,
    const char *group_name, rbd_group_image_info_t *images,
    size_t group_image_info_size, size_t *num_entries);

/* since 13.2.0 */
CEPH_RBD_API int rbd_group_image_list_cleanup(rbd_group_image_info_t *images,
    size_t group_image_info_size, size_t num_entries);

/* since 13.2.0; stub: consistency groups need Mimic librbd (cls_rbd group records) */
CEPH_RBD_API int rbd_group_snap_create(rados_ioctx_t group_p,
    const char *group_name, const char *snap_name);

/* since 16.2.0 */
CEPH_RBD_API int rbd_group_snap_create2(rados_ioctx_t group_p,
    const char *group_name, const char *snap_name, uint32_t flags);

/* since 13.2.0; stub: consistency groups need Mimic librbd (cls_rbd group records) */
CEPH_RBD_API int rbd_group_snap_remove(rados_ioctx_t group_p,
    const char *group_name, const char *snap_name);

/* since 13.2.0; stub: consistency groups need Mimic librbd (cls_rbd group records) */
CEPH_RBD_API int rbd_group_snap_rename(rados_ioctx_t group_p,
    const char *group_name, const char *old_snap_name,
    const char *new_snap_name);

/* since 13.2.0; stub: consistency groups need Mimic librbd (cls_rbd group records) */
CEPH_RBD_API int rbd_group_snap_list(rados_ioctx_t group_p,
    const char *group_name, rbd_group_snap_info_t *snaps,
    size_t group_snap_info_size, size_t *num_entries);

/* since 13.2.0 */
CEPH_RBD_API int rbd_group_snap_list_cleanup(rbd_group_snap_info_t *snaps,
    size_t group_snap_info_size, size_t num_entries);

/* since 20.2.0; stub: rbd_group_snap_list lacks snapshot ids and image snapshots */
CEPH_RBD_API int rbd_group_snap_list2(rados_ioctx_t group_p,
    const char *group_name, rbd_group_snap_info2_t *snaps,
    size_t *num_entries);

/* since 20.2.0 */
CEPH_RBD_API void rbd_group_snap_list2_cleanup(rbd_group_snap_info2_t *snaps,
    size_t num_entries);

/* since 20.2.0; stub: rbd_group_snap_list lacks snapshot ids and image snapshots */
CEPH_RBD_API int rbd_group_snap_get_info(rados_ioctx_t group_p,
    const char *group_name, const char *snap_name,
    rbd_group_snap_info2_t *group_snap);

/* since 20.2.0 */
CEPH_RBD_API void rbd_group_snap_get_info_cleanup(rbd_group_snap_info2_t *group_snap);

/* since 13.2.0; stub: consistency groups need Mimic librbd (cls_rbd group records) */
CEPH_RBD_API int rbd_group_snap_rollback(rados_ioctx_t group_p,
    const char *group_name, const char *snap_name);

/* since 13.2.0; stub: consistency groups need Mimic librbd (cls_rbd group records) */
CEPH_RBD_API int rbd_group_snap_rollback_with_progress(rados_ioctx_t group_p,
    const char *group_name, const char *snap_name, librbd_progress_fn_t cb,
    void *cbdata);

/* since 14.2.0; stub: RBD namespaces need Nautilus librbd */
CEPH_RBD_API int rbd_namespace_create(rados_ioctx_t io,
    const char *namespace_name);

/* since 14.2.0; stub: RBD namespaces need Nautilus librbd */
CEPH_RBD_API int rbd_namespace_remove(rados_ioctx_t io,
    const char *namespace_name);

/* since 14.2.0; stub: RBD namespaces need Nautilus librbd */
CEPH_RBD_API int rbd_namespace_list(rados_ioctx_t io, char *namespace_names,
    size_t *size);

/* since 14.2.0; stub: RBD namespaces need Nautilus librbd */
CEPH_RBD_API int rbd_namespace_exists(rados_ioctx_t io,
    const char *namespace_name, bool *exists);

/* since 14.2.0; stub: pool validation and rbd_info setup need Nautilus librbd */
CEPH_RBD_API int rbd_pool_init(rados_ioctx_t io, bool force);

/* since 14.2.0; stub: pool stats handles are vendor C++ objects (Nautilus) */
CEPH_RBD_API void rbd_pool_stats_create(rbd_pool_stats_t *stats);

/* since 14.2.0; stub: releases a vendor-internal C++ object */
CEPH_RBD_API void rbd_pool_stats_destroy(rbd_pool_stats_t stats);

/* since 14.2.0; stub: pool stats handles are vendor C++ objects (Nautilus) */
CEPH_RBD_API int rbd_pool_stats_option_add_uint64(rbd_pool_stats_t stats,
    int stat_option, uint64_t *stat_val);

/* since 14.2.0; stub: pool stats handles are vendor C++ objects (Nautilus) */
CEPH_RBD_API int rbd_pool_stats_get(rados_ioctx_t io, rbd_pool_stats_t stats);

/* since 16.2.0; stub: the quiesce protocol needs Pacific librbd */
CEPH_RBD_API int rbd_quiesce_watch(rbd_image_t image,
    rbd_update_callback_t quiesce_cb, rbd_update_callback_t unquiesce_cb,
    void *arg, uint64_t *handle);

/* since 16.2.0; stub: the quiesce protocol needs Pacific librbd */
CEPH_RBD_API void rbd_quiesce_complete(rbd_image_t image, uint64_t handle,
    int r);

/* since 16.2.0; stub: the quiesce protocol needs Pacific librbd */
CEPH_RBD_API int rbd_quiesce_unwatch(rbd_image_t image, uint64_t handle);

#if __GNUC__ >= 4
#pragma GCC diagnostic pop
#endif
#ifdef __cplusplus
}
#endif
#endif
