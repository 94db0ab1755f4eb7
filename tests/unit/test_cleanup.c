/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The emulated cleanup functions free exactly what a vendor allocated:
 * every string member (strdup), the arrays upstream allocates inside the
 * structs, nothing the caller owns. Each test builds the structures as a
 * vendor would and checks that the heap is back where it was (glibc's
 * mallinfo2); the same tests run under valgrind memcheck (meson test
 * cleanup-memcheck) and ASan/LSan builds, which catch a leak or a bad free
 * on their own. Vendors: "missing" (lacks every cleanup), "emu" (has the
 * per-entry cleanups only), "full" (has them all).
 */
#include "harness.h"
#include "mock_vendor.h"
#include "emu_state.h"

#include <errno.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>

#include <rbd/librbd.h>
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
#include <rados/librados.h>

static char *s(const char *text)
{
  char *p = strdup(text);

  ck_assert_ptr_nonnull(p);
  return p;
}

/* Bytes the program holds on the heap, when that can be known: glibc
 * counts the chunks in its per-thread caches as in use, so only with those
 * off (GLIBC_TUNABLES=glibc.malloc.tcache_count=0, as meson test runs it)
 * does the count go back down on free(). Otherwise, and under valgrind or
 * ASan (whose allocators glibc does not see), this is 0 and their own leak
 * checks are the test. */
static size_t heap(void)
{
#if defined(__GLIBC__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 33)
  const char *t = getenv("GLIBC_TUNABLES");

  if (t && strstr(t, "glibc.malloc.tcache_count=0"))
    return mallinfo2().uordblks;
#endif
  return 0;
}

/* Resolve every cleanup (and load the vendors) before measuring: the
 * first call of a function looks it up with dlsym(), and a failed lookup
 * leaves glibc's dlerror() message on the heap. Empty inputs free
 * nothing. */
static void warm_up(void)
{
  rbd_snap_info_t end = { 0, 0, NULL };
  rbd_snap_spec_t snap = { 0, 0, NULL };
  rbd_snap_group_namespace_t gns = { 0, NULL, NULL };
  rbd_snap_trash_namespace_t tns = { 0, NULL };
  rbd_snap_mirror_namespace_t mns = { 0, 0, NULL, 0, NULL, 0, 0 };
  rbd_image_spec_t spec = { NULL, NULL };
  rbd_linked_image_spec_t linked = { 0, NULL, NULL, NULL, NULL, 0 };
  rbd_child_info_t child = { NULL, NULL, NULL, 0 };
  rbd_image_migration_status_t mig;
  rbd_trash_image_info_t trash = { NULL, NULL, 0, 0, 0 };
  rbd_group_info_t ginfo = { NULL, 0 };
  rbd_group_snap_info2_t gsnap;
  rbd_mirror_image_info_t minfo = { NULL, 0, 0 };
  rbd_mirror_image_global_status_t gstatus;

  memset(&mig, 0, sizeof mig);
  memset(&gsnap, 0, sizeof gsnap);
  memset(&gstatus, 0, sizeof gstatus);
  rbd_snap_list_end(&end);
  rbd_snap_spec_cleanup(&snap);
  rbd_snap_group_namespace_cleanup(&gns, 0);
  rbd_snap_trash_namespace_cleanup(&tns, 0);
  rbd_snap_mirror_namespace_cleanup(&mns, 0);
  rbd_image_spec_cleanup(&spec);
  rbd_image_spec_list_cleanup(NULL, 0);
  rbd_linked_image_spec_cleanup(&linked);
  rbd_linked_image_spec_list_cleanup(NULL, 0);
  rbd_list_child_cleanup(&child);
  rbd_list_children_cleanup(NULL, 0);
  rbd_watchers_list_cleanup(NULL, 0);
  rbd_lock_get_owners_cleanup(NULL, 0);
  rbd_config_pool_list_cleanup(NULL, 0);
  rbd_config_image_list_cleanup(NULL, 0);
  rbd_migration_status_cleanup(&mig);
  rbd_trash_get_cleanup(&trash);
  rbd_trash_list_cleanup(NULL, 0);
  rbd_group_image_list_cleanup(NULL, 0, 0);
  rbd_group_info_cleanup(&ginfo, 0);
  rbd_group_snap_list_cleanup(NULL, 0, 0);
  rbd_group_snap_get_info_cleanup(&gsnap);
  rbd_group_snap_list2_cleanup(NULL, 0);
  rbd_mirror_image_get_info_cleanup(&minfo);
  rbd_mirror_image_global_status_cleanup(&gstatus);
  rbd_mirror_image_global_status_list_cleanup(NULL, NULL, 0);
  rbd_mirror_image_info_list_cleanup(NULL, NULL, 0);
  rbd_mirror_image_instance_id_list_cleanup(NULL, NULL, 0);
  rbd_mirror_peer_site_list_cleanup(NULL, 0);
  rbd_mirror_peer_list_cleanup(NULL, 0);
  rbd_mirror_image_status_list_cleanup(NULL, NULL, 0);
  rados_buffer_free(NULL);
  rados_object_list_free(0, NULL);
  rados_free_notify_response(NULL, 0, NULL);
  rados_decode_notify_response(NULL, 0, NULL, NULL, NULL, NULL);
}

START_TEST(snapshot_cleanups_free_every_string)
{
  rbd_snap_info_t *list;
  rbd_snap_spec_t spec;
  rbd_snap_group_namespace_t group;
  rbd_snap_trash_namespace_t trash;
  rbd_snap_mirror_namespace_t mirror;
  size_t before, built;

  use_vendor("missing", "missing");
  warm_up();
  before = heap();
  list = calloc(3, sizeof *list);
  list[0] = (rbd_snap_info_t){ 4, 1024, s("one") };
  list[1] = (rbd_snap_info_t){ 9, 2048, s("two") };
  rbd_snap_list_end(list);
  free(list);
  spec = (rbd_snap_spec_t){ 4, RBD_SNAP_NAMESPACE_TYPE_USER, s("one") };
  rbd_snap_spec_cleanup(&spec);
  ck_assert_uint_eq(heap(), before);

  group = (rbd_snap_group_namespace_t){ 1, s("group"), s("gsnap") };
  trash = (rbd_snap_trash_namespace_t){ RBD_SNAP_NAMESPACE_TYPE_USER,
                                        s("was") };
  mirror = (rbd_snap_mirror_namespace_t){
    RBD_SNAP_MIRROR_STATE_PRIMARY, 2, NULL, true, s("uuid"), 7, 3
  };
  mirror.mirror_peer_uuids = malloc(4);
  memcpy(mirror.mirror_peer_uuids, "a\0b", 4);
  built = heap();
  /* A struct size other than upstream's: -ERANGE, nothing freed. */
  ck_assert_int_eq(rbd_snap_group_namespace_cleanup(&group, sizeof group - 1),
                   -ERANGE);
  ck_assert_int_eq(rbd_snap_trash_namespace_cleanup(&trash, 0), -ERANGE);
  ck_assert_int_eq(rbd_snap_mirror_namespace_cleanup(&mirror,
                                                     sizeof mirror + 8),
                   -ERANGE);
  ck_assert_uint_eq(heap(), built);
  ck_assert_str_eq(group.group_name, "group");
  ck_assert_int_eq(rbd_snap_group_namespace_cleanup(&group, sizeof group), 0);
  ck_assert_int_eq(rbd_snap_trash_namespace_cleanup(&trash, sizeof trash), 0);
  ck_assert_int_eq(rbd_snap_mirror_namespace_cleanup(&mirror, sizeof mirror),
                   0);
  ck_assert_uint_eq(heap(), before);
}
END_TEST

START_TEST(image_cleanups_free_every_string)
{
  rbd_image_spec_t spec, specs[2];
  rbd_linked_image_spec_t linked, links[2];
  rbd_child_info_t child, children[2];
  rbd_image_watcher_t watchers[2];
  char *owners[2];
  rbd_config_option_t pool_opts[2], image_opts[1];
  rbd_image_migration_status_t mig;
  rbd_trash_image_info_t info, entries[2];
  size_t before;

  use_vendor("missing", "missing");
  warm_up();
  before = heap();
  spec = (rbd_image_spec_t){ s("id"), s("name") };
  rbd_image_spec_cleanup(&spec);
  specs[0] = (rbd_image_spec_t){ s("id0"), s("n0") };
  specs[1] = (rbd_image_spec_t){ s("id1"), s("n1") };
  rbd_image_spec_list_cleanup(specs, 2);
  linked = (rbd_linked_image_spec_t){ 1, s("p"), s(""), s("i"), s("n"), false };
  rbd_linked_image_spec_cleanup(&linked);
  links[0] =
      (rbd_linked_image_spec_t){ 1, s("p"), s("ns"), s("i"), s("n"), true };
  links[1] =
      (rbd_linked_image_spec_t){ 2, s("q"), s(""), s("j"), s("m"), false };
  rbd_linked_image_spec_list_cleanup(links, 2);
  child = (rbd_child_info_t){ s("p"), s("c"), s("id"), false };
  rbd_list_child_cleanup(&child);
  children[0] = (rbd_child_info_t){ s("p"), s("c"), s("id"), false };
  children[1] = (rbd_child_info_t){ s("p"), s("d"), s("id2"), true };
  rbd_list_children_cleanup(children, 2);
  watchers[0] = (rbd_image_watcher_t){ s("127.0.0.1:0/1"), 4100, 1 };
  watchers[1] = (rbd_image_watcher_t){ s("127.0.0.1:0/2"), 4101, 2 };
  rbd_watchers_list_cleanup(watchers, 2);
  owners[0] = s("client.4100"), owners[1] = s("client.4101");
  rbd_lock_get_owners_cleanup(owners, 2);
  pool_opts[0] = (rbd_config_option_t){ s("rbd_cache"), s("true"),
                                        RBD_CONFIG_SOURCE_POOL };
  pool_opts[1] = (rbd_config_option_t){ s("rbd_qos_iops_limit"), s("0"),
                                        RBD_CONFIG_SOURCE_CONFIG };
  rbd_config_pool_list_cleanup(pool_opts, 2);
  image_opts[0] = (rbd_config_option_t){ s("rbd_cache"), s("false"),
                                         RBD_CONFIG_SOURCE_IMAGE };
  rbd_config_image_list_cleanup(image_opts, 1);
  mig = (rbd_image_migration_status_t){
    1,        s(""),    s("src"),
    s("sid"), 1,        s(""),
    s("dst"), s("did"), RBD_IMAGE_MIGRATION_STATE_PREPARED,
    s("ok")
  };
  rbd_migration_status_cleanup(&mig);
  info = (rbd_trash_image_info_t){ s("id"), s("name"),
                                   RBD_TRASH_IMAGE_SOURCE_USER, 1, 2 };
  rbd_trash_get_cleanup(&info);
  entries[0] = (rbd_trash_image_info_t){ s("a"), s("b"),
                                         RBD_TRASH_IMAGE_SOURCE_USER, 1, 2 };
  entries[1] = (rbd_trash_image_info_t){ s("c"), s("d"),
                                         RBD_TRASH_IMAGE_SOURCE_USER, 3, 4 };
  rbd_trash_list_cleanup(entries, 2);
  ck_assert_uint_eq(heap(), before);
}
END_TEST

static rbd_group_snap_info2_t group_snap(const char *name)
{
  rbd_group_snap_info2_t g = { s("gsid"),
                               s(name),
                               s(".group.1_x_y"),
                               RBD_GROUP_SNAP_STATE_COMPLETE,
                               RBD_GROUP_SNAP_NAMESPACE_TYPE_USER,
                               2,
                               NULL };

  g.image_snaps = calloc(2, sizeof *g.image_snaps);
  g.image_snaps[0] = (rbd_group_image_snap_info_t){ s("img0"), 1, 4 };
  g.image_snaps[1] = (rbd_group_image_snap_info_t){ s("img1"), 1, 5 };
  return g;
}

START_TEST(group_cleanups_free_every_string_and_array)
{
  rbd_group_image_info_t images[2];
  rbd_group_info_t info;
  rbd_group_snap_info_t snaps[2];
  rbd_group_snap_info2_t one, *two;
  size_t before, built;

  use_vendor("missing", "missing");
  warm_up();
  before = heap();
  images[0] = (rbd_group_image_info_t){ s("a"), 1,
                                        RBD_GROUP_IMAGE_STATE_ATTACHED };
  images[1] = (rbd_group_image_info_t){ s("b"), 1,
                                        RBD_GROUP_IMAGE_STATE_INCOMPLETE };
  info = (rbd_group_info_t){ s("g"), 1 };
  snaps[0] = (rbd_group_snap_info_t){ s("s0"), RBD_GROUP_SNAP_STATE_COMPLETE };
  snaps[1] = (rbd_group_snap_info_t){ s("s1"),
                                      RBD_GROUP_SNAP_STATE_INCOMPLETE };
  built = heap();
  ck_assert_int_eq(rbd_group_image_list_cleanup(images, 1, 2), -ERANGE);
  ck_assert_int_eq(rbd_group_info_cleanup(&info, sizeof info * 2), -ERANGE);
  ck_assert_int_eq(rbd_group_snap_list_cleanup(snaps, 0, 2), -ERANGE);
  ck_assert_uint_eq(heap(), built);
  ck_assert_int_eq(rbd_group_image_list_cleanup(images, sizeof images[0], 2),
                   0);
  ck_assert_int_eq(rbd_group_info_cleanup(&info, sizeof info), 0);
  ck_assert_int_eq(rbd_group_snap_list_cleanup(snaps, sizeof snaps[0], 2), 0);
  ck_assert_uint_eq(heap(), before);

  one = group_snap("one");
  rbd_group_snap_get_info_cleanup(&one);
  two = calloc(2, sizeof *two);
  two[0] = group_snap("a"), two[1] = group_snap("b");
  rbd_group_snap_list2_cleanup(two, 2);
  free(two);
  ck_assert_uint_eq(heap(), before);
}
END_TEST

static rbd_mirror_image_global_status_t global_status(const char *name)
{
  rbd_mirror_image_global_status_t g = {
    s(name), { s("gid"), RBD_MIRROR_IMAGE_ENABLED, true }, 2, NULL
  };

  g.site_statuses = calloc(2, sizeof *g.site_statuses);
  g.site_statuses[0] = (rbd_mirror_image_site_status_t){
    s(""), MIRROR_IMAGE_STATUS_STATE_REPLAYING, s("replaying"), 5, true
  };
  g.site_statuses[1] = (rbd_mirror_image_site_status_t){
    s("remote-uuid"), MIRROR_IMAGE_STATUS_STATE_UNKNOWN, s("status not found"),
    0, false
  };
  return g;
}

START_TEST(mirror_cleanups_free_every_string_and_array)
{
  rbd_mirror_image_info_t info, infos[2];
  rbd_mirror_image_global_status_t g, gs[2];
  rbd_mirror_peer_site_t sites[2];
  rbd_mirror_peer_t peers[1];
  rbd_mirror_image_status_t statuses[1];
  char *ids[2], *instances[2];
  size_t before;

  use_vendor("missing", "missing");
  warm_up();
  before = heap();
  info = (rbd_mirror_image_info_t){ s("gid"), RBD_MIRROR_IMAGE_ENABLED, true };
  rbd_mirror_image_get_info_cleanup(&info);
  g = global_status("img");
  rbd_mirror_image_global_status_cleanup(&g);
  ids[0] = s("id0"), ids[1] = s("id1");
  gs[0] = global_status("a"), gs[1] = global_status("b");
  rbd_mirror_image_global_status_list_cleanup(ids, gs, 2);
  ids[0] = s("id0"), ids[1] = s("id1");
  infos[0] = (rbd_mirror_image_info_t){ s("g0"), RBD_MIRROR_IMAGE_ENABLED,
                                        true };
  infos[1] = (rbd_mirror_image_info_t){ s("g1"), RBD_MIRROR_IMAGE_DISABLING,
                                        false };
  rbd_mirror_image_info_list_cleanup(ids, infos, 2);
  ids[0] = s("id0"), ids[1] = s("id1");
  instances[0] = s("4100"), instances[1] = s("4101");
  rbd_mirror_image_instance_id_list_cleanup(ids, instances, 2);
  sites[0] =
      (rbd_mirror_peer_site_t){ s("u0"),       RBD_MIRROR_PEER_DIRECTION_RX_TX,
                                s("site-a"),   s("m0"),
                                s("client.a"), 0 };
  sites[1] = (rbd_mirror_peer_site_t){
    s("u1"), RBD_MIRROR_PEER_DIRECTION_TX, s("site-b"), s(""), s("client.b"), 9
  };
  rbd_mirror_peer_site_list_cleanup(sites, 2);
  peers[0] = (rbd_mirror_peer_t){ s("u"), s("cluster"), s("client.admin") };
  rbd_mirror_peer_list_cleanup(peers, 1);
  ids[0] = s("id0");
  statuses[0] =
      (rbd_mirror_image_status_t){ s("img"),
                                   { s("gid"), RBD_MIRROR_IMAGE_ENABLED, true },
                                   MIRROR_IMAGE_STATUS_STATE_STOPPED,
                                   s("stopped"),
                                   3,
                                   true };
  rbd_mirror_image_status_list_cleanup(ids, statuses, 1);
  ck_assert_uint_eq(heap(), before);
}
END_TEST

START_TEST(rados_cleanups_free_buffers_entries_and_notify_replies)
{
  rados_object_list_item items[2];
  struct notify_ack_t *acks;
  struct notify_timeout_t *timeouts;
  size_t before;

  use_vendor("missing", "missing");
  warm_up();
  before = heap();
  rados_buffer_free(s("out"));
  rados_buffer_free(NULL);
  items[0] = (rados_object_list_item){ 3, s("obj"), 2, s("ns"), 3, s("loc") };
  items[1] = (rados_object_list_item){ 4, s("obj2"), 0, NULL, 0, NULL };
  rados_object_list_free(2, items);
  acks = calloc(2, sizeof *acks);
  acks[0] = (struct notify_ack_t){ 4100, 1, s("reply"), 5 };
  acks[1] = (struct notify_ack_t){ 4101, 2, NULL, 0 };
  timeouts = calloc(1, sizeof *timeouts);
  rados_free_notify_response(acks, 2, timeouts);
  rados_free_notify_response(NULL, 0, NULL);
  ck_assert_uint_eq(heap(), before);
}
END_TEST

/* A reply buffer as rados_notify2() returns it: two acks (one with a
 * payload), one timeout. */
static size_t notify_reply(unsigned char *b)
{
  static const unsigned char reply[] = {
    2,    0,    0, 0, 0x04, 0x10, 0, 0,   0,   0,   0,    0,    1, 0, 0, 0, 0,
    0,    0,    0, 3, 0,    0,    0, 'a', 'c', 'k', 0x05, 0x10, 0, 0, 0, 0, 0,
    0,    2,    0, 0, 0,    0,    0, 0,   0,   0,   0,    0,    0, 1, 0, 0, 0,
    0x06, 0x10, 0, 0, 0,    0,    0, 0,   3,   0,   0,    0,    0, 0, 0, 0,
  };

  memcpy(b, reply, sizeof reply);
  return sizeof reply;
}

START_TEST(decoded_notify_replies_are_freed_by_the_emulated_free)
{
  unsigned char buf[128];
  size_t len = notify_reply(buf), nacks, ntimeouts, before;
  struct notify_ack_t *acks;
  struct notify_timeout_t *timeouts;

  use_vendor("missing", "missing");
  warm_up();
  before = heap();
  ck_assert_int_eq(rados_decode_notify_response((char *)buf, len, &acks, &nacks,
                                                &timeouts, &ntimeouts),
                   0);
  ck_assert_uint_eq(nacks, 2);
  ck_assert_uint_eq(ntimeouts, 1);
  rados_free_notify_response(acks, nacks, timeouts);
  ck_assert_uint_eq(heap(), before);
}
END_TEST

START_TEST(list_cleanups_use_the_vendors_entry_cleanup)
{
  rbd_trash_image_info_t trash[2];
  rbd_image_spec_t specs[1];
  rbd_linked_image_spec_t links[1];
  rbd_child_info_t children[2];
  rbd_mirror_image_info_t infos[1];
  rbd_mirror_image_global_status_t gs[1];
  rbd_group_snap_info2_t *snaps;
  rados_object_list_item items[1];
  char *ids[1];
  size_t before;

  use_vendor("emu", "emu");
  warm_up();
  emu_reset();
  before = heap();
  trash[0] = (rbd_trash_image_info_t){ s("a"), s("b"),
                                       RBD_TRASH_IMAGE_SOURCE_USER, 0, 0 };
  trash[1] = (rbd_trash_image_info_t){ s("c"), s("d"),
                                       RBD_TRASH_IMAGE_SOURCE_USER, 0, 0 };
  rbd_trash_list_cleanup(trash, 2);
  ck_assert_int_eq(emu.item_cleanups, 2);
  specs[0] = (rbd_image_spec_t){ s("id"), s("name") };
  rbd_image_spec_list_cleanup(specs, 1);
  links[0] =
      (rbd_linked_image_spec_t){ 1, s("p"), s(""), s("i"), s("n"), false };
  rbd_linked_image_spec_list_cleanup(links, 1);
  children[0] = (rbd_child_info_t){ s("p"), s("c"), s("id"), false };
  children[1] = (rbd_child_info_t){ s("p"), s("d"), s("id2"), true };
  rbd_list_children_cleanup(children, 2);
  ck_assert_int_eq(emu.item_cleanups, 6);
  ids[0] = s("id");
  infos[0] = (rbd_mirror_image_info_t){ s("g"), RBD_MIRROR_IMAGE_ENABLED,
                                        true };
  rbd_mirror_image_info_list_cleanup(ids, infos, 1);
  ck_assert_int_eq(emu.item_cleanups, 7);
  /* The global status cleanup is emulated too; it frees the info through
   * the vendor's rbd_mirror_image_get_info_cleanup. */
  ids[0] = s("id");
  gs[0] = global_status("img");
  rbd_mirror_image_global_status_list_cleanup(ids, gs, 1);
  ck_assert_int_eq(emu.item_cleanups, 8);
  snaps = calloc(2, sizeof *snaps);
  snaps[0] = group_snap("a"), snaps[1] = group_snap("b");
  rbd_group_snap_list2_cleanup(snaps, 2);
  free(snaps);
  ck_assert_int_eq(emu.item_cleanups, 10);
  items[0] = (rados_object_list_item){ 3, s("obj"), 2, s("ns"), 3, s("loc") };
  rados_object_list_free(1, items);
  ck_assert_int_eq(emu.item_cleanups, 10 + 3);
  ck_assert_uint_eq(heap(), before);
}
END_TEST

START_TEST(a_vendor_cleanup_is_used_not_the_emulation)
{
  rbd_trash_image_info_t entries[1];
  rbd_group_info_t info;
  char *buf = s("vendor's");
  const char *err;
  unsigned idx;

  use_vendor("full", "full");
  entries[0] = (rbd_trash_image_info_t){ s("id"), s("name"),
                                         RBD_TRASH_IMAGE_SOURCE_USER, 0, 0 };
  info = (rbd_group_info_t){ s("g"), 1 };
  capture_start();
  mock_reset();
  rbd_trash_list_cleanup(entries, 1);
  /* The recording mock frees nothing: the strings are still ours. */
  ck_assert_uint_eq(mock_last.nargs, 2);
  ck_assert_uint_eq(mock_last.args[0], (uint64_t)(uintptr_t)entries);
  ck_assert_uint_eq(mock_last.args[1], 1);
  idx = mock_last.idx;
  ck_assert_uint_eq(mock_calls[idx], 1);
  ck_assert_str_eq(entries[0].name, "name");
  ck_assert_int_eq(rbd_group_info_cleanup(&info, sizeof info),
                   (int)mock_ret_value(mock_last.idx));
  ck_assert_uint_eq(mock_last.args[0], (uint64_t)(uintptr_t)&info);
  rados_buffer_free(buf);
  ck_assert_uint_eq(mock_last.args[0], (uint64_t)(uintptr_t)buf);
  err = capture_stop();
  ck_assert_int_eq(count_lines(err, "emulated"), 0);
  free(entries[0].id), free(entries[0].name), free(info.name), free(buf);
}
END_TEST

int main(void)
{
  Suite *s = suite_create("cleanup");
  TCase *tc = tcase_create("free");

  tcase_add_test(tc, snapshot_cleanups_free_every_string);
  tcase_add_test(tc, image_cleanups_free_every_string);
  tcase_add_test(tc, group_cleanups_free_every_string_and_array);
  tcase_add_test(tc, mirror_cleanups_free_every_string_and_array);
  tcase_add_test(tc, rados_cleanups_free_buffers_entries_and_notify_replies);
  tcase_add_test(tc, decoded_notify_replies_are_freed_by_the_emulated_free);
  tcase_add_test(tc, list_cleanups_use_the_vendors_entry_cleanup);
  tcase_add_test(tc, a_vendor_cleanup_is_used_not_the_emulation);
  suite_add_tcase(s, tc);
  return run_suite(s);
}
