function __rocfault_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __rocfault_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __rocfault_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __rocfault_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __rocfault_parse_tokens -S
    set -l unparsed_tokens (__rocfault_tokens -pc)
    switch $unparsed_tokens[1]
    case 'rocfault'
        __rocfault_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'check'
            __rocfault_parse_subcommand -r 1 'explain' 'json=' 'rules=' 'gpu=+' 'version' 'h/help'
        case 'run'
            __rocfault_parse_subcommand -r 1 'rules=' 'state-dir=' 'no-journal' 'no-save' 'stall-after=' 'version' 'h/help'
        case 'list'
            __rocfault_parse_subcommand 0 'state-dir=' 'b/boot=' 'g/grep=' 'S/since=' 'U/until=' 'side=' 'pid=' 'comm=' 'n/lines=' 'json=' 'no-pager' 'no-legend' 'journal-directory=' 'host=' 'f/follow' 'version' 'h/help'
        case 'show'
            __rocfault_parse_subcommand 1 'last' 'state-dir=' 'b/boot=' 'g/grep=' 'json=' 'no-pager' 'journal-directory=' 'host=' 'version' 'h/help'
        case 'report'
            __rocfault_parse_subcommand 1 'last' 'state-dir=' 'o/output=' 'force' 'preview' 'no-redact' 'rocminfo-timeout=' 'journal-directory=' 'version' 'h/help'
        case 'status'
            __rocfault_parse_subcommand 0 'state-dir=' 'rules=' 'json=' 'v/verbose' 'journal-directory=' 'version' 'h/help'
        case 'watch'
            __rocfault_parse_subcommand 0 'state-dir=' 'b/boot=' 'g/grep=' 'n/lines=' 'json=' 'version' 'h/help'
        case 'rules'
            __rocfault_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'lint'
                __rocfault_parse_subcommand 1 'version' 'h/help'
            case 'test'
                __rocfault_parse_subcommand 1 'version' 'h/help'
            case 'list'
                __rocfault_parse_subcommand 1 'patterns' 'version' 'h/help'
            case 'doc'
                __rocfault_parse_subcommand 1 'version' 'h/help'
            end
        case 'explain'
            __rocfault_parse_subcommand -r 1 'json=' 'rules=' 'version' 'h/help'
        case 'doctor'
            __rocfault_parse_subcommand 0 'json=' 'root=' 'pid=' 'rules=' 'version' 'h/help'
        case 'npd'
            __rocfault_parse_subcommand 0 'condition=' 'window=' 'state-dir=' 'version' 'h/help'
        case 'prune'
            __rocfault_parse_subcommand 0 'state-dir=' 'older-than=' 'dry-run' 'version' 'h/help'
        case 'delete'
            __rocfault_parse_subcommand 1 'state-dir=' 'force' 'version' 'h/help'
        case 'help'
            __rocfault_parse_subcommand -r 1 'version'
        end
    end
end

function __rocfault_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __rocfault_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __rocfault_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __rocfault_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__rocfault_tokens -p)
    if test -z "$(__rocfault_tokens -t)"
        set -l index (count (__rocfault_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'rocfault' -f
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault" version' -l 'version' -d 'Show the version.'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_positional "rocfault" -eq 1' -fa 'check' -d 'Decide whether a GPU crash was kernel-side or userspace-only, from saved logs.'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_positional "rocfault" -eq 1' -fa 'run' -d 'Run a command, watch its stderr for GPU errors, and explain it if it dies.'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_positional "rocfault" -eq 1' -fa 'list' -d 'List recorded incidents, newest first.'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_positional "rocfault" -eq 1' -fa 'show' -d 'Show one incident: verdict, deciding lines, context, known issues, process, coverage.'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_positional "rocfault" -eq 1' -fa 'report' -d 'Write a redacted bug-report bundle (.tar.gz) for an incident.'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_positional "rocfault" -eq 1' -fa 'status' -d 'Show whether rocfaultd runs, how far behind each log source is, gaps, the rule set, the database.'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_positional "rocfault" -eq 1' -fa 'watch' -d 'Print incidents as rocfaultd records or updates them, until interrupted.'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_positional "rocfault" -eq 1' -fa 'rules' -d 'Check rule files.'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_positional "rocfault" -eq 1' -fa 'explain' -d 'Explain log lines from the message catalog: side, class, subsystem, meaning, actions.'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_positional "rocfault" -eq 1' -fa 'doctor' -d 'Show the GPU software stack and flags, and what in them is known to break.'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_positional "rocfault" -eq 1' -fa 'npd' -d 'Report a GPU node condition the way node-problem-detector\'s custom plugins do.'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_positional "rocfault" -eq 1' -fa 'prune' -d 'Delete final incidents last seen longer ago than a duration (open ones are kept).'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_positional "rocfault" -eq 1' -fa 'delete' -d 'Delete one incident with its evidence.'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_positional "rocfault" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault check" explain' -l 'explain' -d 'Show every rule hit and why the verdict follows.'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault check" json' -l 'json' -d 'Print one JSON object: short or pretty (a bare --json is pretty).' -rfka 'short pretty'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault check" rules' -l 'rules' -d 'Rule directory.' -rfa '(__rocfault_complete_directories)'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault check"' -l 'gpu' -d 'The maker of the GPUs of the machine the logs come from (repeat for several).' -rfka 'amd intel nvidia'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_positional "rocfault check" -ge 1' -F
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault check" version' -l 'version' -d 'Show the version.'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault check" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault run" rules' -l 'rules' -d 'Rule directory.' -rfa '(__rocfault_complete_directories)'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault run" state-dir' -l 'state-dir' -d 'rocfaultd\'s state directory (default: $ROCFAULT_STATE_DIR or /var/lib/rocfault).' -rfa '(__rocfault_complete_directories)'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault run" no-journal' -l 'no-journal' -d 'Do not write matching lines to the journal.'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault run" no-save' -l 'no-save' -d 'Do not save the incident in the user\'s run store when rocfaultd did not record it.'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault run" stall-after' -l 'stall-after' -d 'Print a stall notice when the command has printed nothing and made no progress (no I/O) for this many seconds; 0 turns it off.' -rfka ''
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_positional "rocfault run" -ge 1' -fka '(__rocfault_custom_completion ---completion run -- positional@0 (count (__rocfault_tokens -pc)) (__rocfault_tokens -tC))'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault run" version' -l 'version' -d 'Show the version.'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault run" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault list" state-dir' -l 'state-dir' -d 'rocfaultd\'s state directory (default: $ROCFAULT_STATE_DIR or /var/lib/rocfault).' -rfa '(__rocfault_complete_directories)'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault list" b boot' -s 'b' -l 'boot' -d 'Only incidents of this boot: 0 (or a bare -b) the current one, -1 the one before, ..., or a boot id.' -rfka ''
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault list" g grep' -s 'g' -l 'grep' -d 'Only incidents whose summary or evidence lines match this PCRE2 pattern (case-insensitive when it is all lowercase).' -rfka ''
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault list" S since' -s 'S' -l 'since' -d 'Only incidents first seen at or after this time.' -rfka ''
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault list" U until' -s 'U' -l 'until' -d 'Only incidents first seen at or before this time.' -rfka ''
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault list" side' -l 'side' -d 'Only this side: kernel, userspace, hang or none.' -rfka 'kernel userspace hang none'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault list" pid' -l 'pid' -d 'Only this process id.' -rfka ''
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault list" comm' -l 'comm' -d 'Only this command name (exact).' -rfka ''
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault list" lines n' -s 'n' -l 'lines' -d 'Show at most the N newest.' -rfka ''
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault list" json' -l 'json' -d 'Print a JSON array: short or pretty (a bare --json is pretty).' -rfka 'short pretty'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault list" no-pager' -l 'no-pager' -d 'Do not pipe the output into a pager.'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault list" no-legend' -l 'no-legend' -d 'Print no header and no footer.'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault list" journal-directory' -l 'journal-directory' -d 'Read the incidents that machines announced into journal files in this directory (as systemd-journal-remote writes them) instead of the local store.' -rfka ''
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault list" host' -l 'host' -d 'Only incidents of this host (with --journal-directory).' -rfka ''
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault list" f follow' -s 'f' -l 'follow' -d 'Go on printing incidents as rocfaultd records them, until interrupted.'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault list" version' -l 'version' -d 'Show the version.'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault show" last' -l 'last' -d 'The most recent incident (the default when no ID is given).'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault show" state-dir' -l 'state-dir' -d 'rocfaultd\'s state directory (default: $ROCFAULT_STATE_DIR or /var/lib/rocfault).' -rfa '(__rocfault_complete_directories)'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault show" b boot' -s 'b' -l 'boot' -d 'Only incidents of this boot: 0 (or a bare -b) the current one, -1 the one before, ..., or a boot id.' -rfka ''
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault show" g grep' -s 'g' -l 'grep' -d 'Only incidents whose summary or evidence lines match this PCRE2 pattern (case-insensitive when it is all lowercase).' -rfka ''
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault show" json' -l 'json' -d 'Print one JSON object: short or pretty (a bare --json is pretty).' -rfka 'short pretty'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault show" no-pager' -l 'no-pager' -d 'Do not pipe the output into a pager.'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault show" journal-directory' -l 'journal-directory' -d 'Read the incidents that machines announced into journal files in this directory (as systemd-journal-remote writes them) instead of the local store.' -rfka ''
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault show" host' -l 'host' -d 'Only incidents of this host (with --journal-directory).' -rfka ''
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault show" version' -l 'version' -d 'Show the version.'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault show" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault report" last' -l 'last' -d 'The most recent incident (the default when no ID is given).'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault report" state-dir' -l 'state-dir' -d 'rocfaultd\'s state directory (default: $ROCFAULT_STATE_DIR or /var/lib/rocfault).' -rfa '(__rocfault_complete_directories)'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault report" o output' -s 'o' -l 'output' -d 'Write the archive here (a file, or a directory for the default name).' -rF
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault report" force' -l 'force' -d 'Replace the file at the output path if there is one (without it, an existing file is kept).'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault report" preview' -l 'preview' -d 'Print exactly what would be written, file by file, and write nothing.'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault report" no-redact' -l 'no-redact' -d 'Keep user and host names, addresses and secrets in the bundle.'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault report" rocminfo-timeout' -l 'rocminfo-timeout' -d 'Seconds `rocminfo --support` may take before it is killed.' -rfka ''
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault report" journal-directory' -l 'journal-directory' -d 'Read the incident\'s journal lines from journal files in this directory instead of the system journal.' -rfa '(__rocfault_complete_directories)'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault report" version' -l 'version' -d 'Show the version.'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault report" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault status" state-dir' -l 'state-dir' -d 'rocfaultd\'s state directory (default: $ROCFAULT_STATE_DIR or /var/lib/rocfault).' -rfa '(__rocfault_complete_directories)'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault status" rules' -l 'rules' -d 'Rule directory to describe (default: the installed rules).' -rfa '(__rocfault_complete_directories)'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault status" json' -l 'json' -d 'Print one JSON object: short or pretty (a bare --json is pretty).' -rfka 'short pretty'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault status" v verbose' -s 'v' -l 'verbose' -d 'Also show each source\'s stored read position (cursor).'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault status" journal-directory' -l 'journal-directory' -d 'The journal rocfaultd reads, when not the system journal (its --journal-directory).' -rfa '(__rocfault_complete_directories)'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault status" version' -l 'version' -d 'Show the version.'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault status" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault watch" state-dir' -l 'state-dir' -d 'rocfaultd\'s state directory (default: $ROCFAULT_STATE_DIR or /var/lib/rocfault).' -rfa '(__rocfault_complete_directories)'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault watch" b boot' -s 'b' -l 'boot' -d 'Only incidents of this boot: 0 (or a bare -b) the current one, -1 the one before, ..., or a boot id.' -rfka ''
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault watch" g grep' -s 'g' -l 'grep' -d 'Only incidents whose summary or evidence lines match this PCRE2 pattern (case-insensitive when it is all lowercase).' -rfka ''
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault watch" lines n' -s 'n' -l 'lines' -d 'First show the N newest recorded incidents.' -rfka ''
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault watch" json' -l 'json' -d 'Print JSON objects: short or pretty (a bare --json is pretty).' -rfka 'short pretty'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault watch" version' -l 'version' -d 'Show the version.'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault watch" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault rules" version' -l 'version' -d 'Show the version.'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault rules" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_positional "rocfault rules" -eq 1' -fa 'lint' -d 'Validate rule files: syntax, keys, ids, references, literals, patterns, catastrophic backtracking, prose cut by \' #\' (file:line errors).'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_positional "rocfault rules" -eq 1' -fa 'test' -d 'Run every rule\'s match and no-match examples and every doctor check\'s fact examples.'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_positional "rocfault rules" -eq 1' -fa 'list' -d 'List rules (id, kind, class, description).'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_positional "rocfault rules" -eq 1' -fa 'doc' -d 'Print the message catalog as Markdown (make messages-doc writes docs/amdgpu-messages.md).'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_positional "rocfault rules lint" -eq 1' -fa '(__rocfault_complete_directories)'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault rules lint" version' -l 'version' -d 'Show the version.'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault rules lint" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_positional "rocfault rules test" -eq 1' -fa '(__rocfault_complete_directories)'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault rules test" version' -l 'version' -d 'Show the version.'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault rules test" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault rules list" patterns' -l 'patterns' -d 'Print only the PCRE2 patterns, one a line (for comparing with other tools).'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_positional "rocfault rules list" -eq 1' -fa '(__rocfault_complete_directories)'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault rules list" version' -l 'version' -d 'Show the version.'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault rules list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_positional "rocfault rules doc" -eq 1' -fa '(__rocfault_complete_directories)'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault rules doc" version' -l 'version' -d 'Show the version.'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault rules doc" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault explain" json' -l 'json' -d 'Print a JSON array, one object per line: short or pretty.' -rfka 'short pretty'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault explain" rules' -l 'rules' -d 'Rule directory.' -rfa '(__rocfault_complete_directories)'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault explain" version' -l 'version' -d 'Show the version.'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault explain" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault doctor" json' -l 'json' -d 'Print one JSON object (docs/doctor.md): short or pretty (a bare --json is pretty).' -rfka 'short pretty'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault doctor" root' -l 'root' -d 'Read /proc, /sys (debugfs at sys/kernel/debug), /etc, /usr, /opt, /var/lib/dpkg, /lib/firmware and /dev under this directory instead of / (a mounted image or a copied tree).' -rfka ''
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault doctor" pid' -l 'pid' -d 'Check the HSA_/HIP_/ROCM_/ROCR_/AMD_/GGML_ variables of this process (/proc/PID/environ) instead of this shell\'s.' -rfka ''
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault doctor" rules' -l 'rules' -d 'Rule directory (default: the installed rules).' -rfka ''
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault doctor" version' -l 'version' -d 'Show the version.'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault doctor" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault npd" condition' -l 'condition' -d 'The condition: failed or stalled.' -rfka 'failed stalled'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault npd" window' -l 'window' -d 'How far back a failure counts (failed): 30s, 10m, 2h, 1d.' -rfka ''
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault npd" state-dir' -l 'state-dir' -d 'rocfaultd\'s state directory (default: $ROCFAULT_STATE_DIR or /var/lib/rocfault).' -rfa '(__rocfault_complete_directories)'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault npd" version' -l 'version' -d 'Show the version.'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault npd" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault prune" state-dir' -l 'state-dir' -d 'rocfaultd\'s state directory (default: $ROCFAULT_STATE_DIR or /var/lib/rocfault).' -rfa '(__rocfault_complete_directories)'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault prune" older-than' -l 'older-than' -d 'Delete incidents last seen longer ago than this.' -rfka ''
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault prune" dry-run' -l 'dry-run' -d 'Only say which incidents would be deleted.'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault prune" version' -l 'version' -d 'Show the version.'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault prune" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault delete" state-dir' -l 'state-dir' -d 'rocfaultd\'s state directory (default: $ROCFAULT_STATE_DIR or /var/lib/rocfault).' -rfa '(__rocfault_complete_directories)'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault delete" force' -l 'force' -d 'Delete it even while it is open.'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault delete" version' -l 'version' -d 'Show the version.'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault delete" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'rocfault' -n '__rocfault_should_offer_completions_for_flags_or_options "rocfault help" version' -l 'version' -d 'Show the version.'
