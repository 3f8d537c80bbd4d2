package io.slabtrace.parser.kernellog;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stack frames as the architectures and tools print them ({@code lib/dump_stack.c}, {@code show_trace_log_lvl}):
 * {@code  f+0x1/0x2}, {@code [<ffffffff81d91389>] ? f+0x1/0x2}, PowerPC's {@code [sp] [pc] .f+0x1/0x2 (unreliable)},
 * syzbot's {@code f+0x1/0x2 file.c:12} and {@code f file.c:12 [inline]}, decode_stacktrace.sh's {@code f (file.c:12)},
 * and which of them belong to the allocator or the sanitizer rather than to the code that called it.
 */
final class Frames {
    private static final Pattern ADDRESSES = Pattern.compile("(?:\\[<?[0-9a-fA-Fx]{4,18}>?\\]\\s*){1,2}(?:\\?\\s*)?");
    private static final Pattern FRAME = Pattern.compile("(?:\\?\\s+)?\\.?([A-Za-z_][\\w.$]{0,200})(\\+0x[0-9a-f]{1,8}/0x[0-9a-f]{1,8})?(.{0,300})");
    private static final Pattern SOURCE = Pattern.compile("\\s*(?:\\[[\\w-]+\\]\\s*)?(?:\\(?[\\w/.+-]+\\.[chS]:\\d+|\\[inline\\]|\\(unreliable\\)|$)");

    /**
     * Allocation, free and report machinery (mm/slub.c, mm/slab.c, mm/kasan/, mm/kfence/, mm/kmemleak.c, lib/stackdepot.c
     * and the kmalloc family's wrappers): a report's interesting frame is the first one past these.
     */
    private static final Pattern MACHINERY = Pattern.compile(
            "_*(?:kasan|asan|kfence|kmemleak|kmsan)\\w*|check_memory_region\\w*|stack_trace_save\\w*|save_stack\\w*|"
                    + "__?set_track\\w*|set_track\\w*|arch_stack_walk|stack_depot\\w*|save_trace\\w*|walk_stackframe|dump_stack\\w*|"
                    + "show_stack|dump_backtrace|print_address_description\\w*|print_report|print_trailer|object_err|slab_err|"
                    + "check_object|check_bytes_and_report|check_bytes\\w*|\\w*debug_processing|on_freelist|slab_fix|slab_bug|"
                    + "_*slab_\\w+|do_slab_free|kmem_cache_\\w+|__kmem_cache_\\w+|_{0,2}kmalloc\\w*|kzalloc\\w*|kcalloc\\w*|"
                    + "_{0,2}kvmalloc\\w*|kvzalloc\\w*|kvcalloc\\w*|krealloc\\w*|kfree\\w*|kvfree\\w*|kmemdup\\w*|kstrn?dup\\w*|v?memdup_user\\w*|"
                    + "sock_kmalloc|sock_kfree_s|mempool_\\w+|memcg_slab_\\w+|_{0,2}should_failslab|trace_\\w+|new_slab|allocate_slab|"
                    + "alloc_slab_page|_{0,2}alloc_pages\\w*|__get_free_pages|get_page_from_freelist|_{0,2}warn_alloc|"
                    + "pcpu_alloc\\w*|_{0,2}alloc_percpu\\w*|qlist_free_all|qlink_free|quarantine_\\w+|cache_from_obj|"
                    + "_{0,4}cache_alloc\\w*|cache_grow\\w*|fallback_alloc|_{0,3}cache_free\\w*|kmem_getpages|_{0,2}free_pages\\w*|"
                    + "__do_kmalloc\\w*|_{0,2}kmalloc_large\\w*|alloc_debug\\w*|free_to_partial_list|poison_\\w+|"
                    + "el1_\\w+|el0_\\w+|gic_handle_irq|ret_from_\\w+");

    private Frames() {
    }

    /** The frame's function with its {@code +off/len} where printed, or null when the line is no frame. */
    static String frame(String text) {
        String s = text.strip();
        boolean addressed = false;
        Matcher a = ADDRESSES.matcher(s);
        if (a.lookingAt()) {
            s = s.substring(a.end());
            addressed = true;
        }
        Matcher m = FRAME.matcher(s);
        if (!m.matches()) return null;
        String rest = m.group(3);
        boolean offset = m.group(2) != null;
        if (!offset && !addressed && !rest.contains(".c:") && !rest.contains(".h:") && !rest.contains(".S:") && !rest.contains("[inline]")) return null;
        if (!SOURCE.matcher(rest).lookingAt()) return null;
        return m.group(1) + (offset ? m.group(2) : "");
    }

    /** The function's name alone: {@code f+0x1/0x2} and {@code .f} are {@code f}. */
    static String name(String frame) {
        if (frame == null) return null;
        String s = frame.startsWith(".") ? frame.substring(1) : frame;
        int plus = s.indexOf('+');
        return plus > 0 ? s.substring(0, plus) : s;
    }

    /** Compiler clones ({@code .isra.61}, {@code .constprop.63}, {@code .part.2}, {@code .cold}) are the same function. */
    static boolean machinery(String frame) {
        String n = name(frame);
        int dot = n.indexOf('.');
        return MACHINERY.matcher(dot > 0 ? n.substring(0, dot) : n).matches();
    }
}
