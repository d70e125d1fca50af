#!/bin/bash

__rocfault_cursor_index_in_current_word() {
    local remaining="${COMP_LINE}"

    local word
    for word in "${COMP_WORDS[@]::COMP_CWORD}"; do
        remaining="${remaining##*([[:space:]])"${word}"*([[:space:]])}"
    done

    local -ir index="$((COMP_POINT - ${#COMP_LINE} + ${#remaining}))"
    if [[ "${index}" -le 0 ]]; then
        printf 0
    else
        printf %s "${index}"
    fi
}

# positional arguments:
#
# - 1: the current (sub)command's count of positional arguments
#
# required variables:
#
# - repeating_flags: the repeating flags that the current (sub)command can accept
# - non_repeating_flags: the non-repeating flags that the current (sub)command can accept
# - repeating_options: the repeating options that the current (sub)command can accept
# - non_repeating_options: the non-repeating options that the current (sub)command can accept
# - positional_number: value ignored
# - unparsed_words: unparsed words from the current command line
#
# modified variables:
#
# - non_repeating_flags: remove flags for this (sub)command that are already on the command line
# - non_repeating_options: remove options for this (sub)command that are already on the command line
# - positional_number: set to the current positional number
# - unparsed_words: remove all flags, options, and option values for this (sub)command
__rocfault_offer_flags_options() {
    local -ir positional_count="${1}"
    positional_number=0

    local was_flag_option_terminator_seen=false
    local is_parsing_option_value=false

    local -ar unparsed_word_indices=("${!unparsed_words[@]}")
    local -i word_index
    for word_index in "${unparsed_word_indices[@]}"; do
        if "${is_parsing_option_value}"; then
            # This word is an option value:
            # Reset marker for next word iff not currently the last word
            [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]] && is_parsing_option_value=false
            unset "unparsed_words[${word_index}]"
            # Do not process this word as a flag or an option
            continue
        fi

        local word="${unparsed_words["${word_index}"]}"
        if ! "${was_flag_option_terminator_seen}"; then
            case "${word}" in
            --)
                unset "unparsed_words[${word_index}]"
                # by itself -- is a flag/option terminator, but if it is the last word, it is the start of a completion
                if [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]]; then
                    was_flag_option_terminator_seen=true
                fi
                continue
                ;;
            -*)
                # ${word} is a flag or an option
                # If ${word} is an option, mark that the next word to be parsed is an option value
                local option
                for option in "${repeating_options[@]}" "${non_repeating_options[@]}"; do
                    [[ "${word}" = "${option}" ]] && is_parsing_option_value=true && break
                done

                # Remove ${word} from ${non_repeating_flags} or ${non_repeating_options} so it isn't offered again
                local not_found=true
                local -i index
                for index in "${!non_repeating_flags[@]}"; do
                    if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                        unset "non_repeating_flags[${index}]"
                        non_repeating_flags=("${non_repeating_flags[@]}")
                        not_found=false
                        break
                    fi
                done
                if "${not_found}"; then
                    for index in "${!non_repeating_flags[@]}"; do
                        if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                            unset "non_repeating_flags[${index}]"
                            non_repeating_flags=("${non_repeating_flags[@]}")
                            break
                        fi
                    done
                fi
                unset "unparsed_words[${word_index}]"
                continue
                ;;
            esac
        fi

        # ${word} is neither a flag, nor an option, nor an option value
        if [[ "${positional_number}" -lt "${positional_count}" || "${positional_count}" -lt 0 ]]; then
            # ${word} is a positional
            ((positional_number++))
            unset "unparsed_words[${word_index}]"
        else
            if [[ -z "${word}" ]]; then
                # Could be completing a flag, option, or subcommand
                positional_number=-1
            else
                # ${word} is a subcommand or invalid, so stop processing this (sub)command
                positional_number=-2
            fi
            break
        fi
    done

    unparsed_words=("${unparsed_words[@]}")

    if\
        ! "${was_flag_option_terminator_seen}"\
        && ! "${is_parsing_option_value}"\
        && [[ ("${cur}" = -* && "${positional_number}" -ge 0) || "${positional_number}" -eq -1 ]]
    then
        COMPREPLY+=($(compgen -W "${repeating_flags[*]} ${non_repeating_flags[*]} ${repeating_options[*]} ${non_repeating_options[*]}" -- "${cur}"))
    fi
}

__rocfault_add_completions() {
    local completion
    while IFS='' read -r completion; do
        COMPREPLY+=("${completion}")
    done < <(IFS=$'\n' compgen "${@}" -- "${cur}")
}

__rocfault_custom_complete() {
    if [[ -n "${cur}" || -z ${COMP_WORDS[${COMP_CWORD}]} || "${COMP_LINE:${COMP_POINT}:1}" != ' ' ]]; then
        local -ar words=("${COMP_WORDS[@]}")
    else
        local -ar words=("${COMP_WORDS[@]::${COMP_CWORD}}" '' "${COMP_WORDS[@]:${COMP_CWORD}}")
    fi

    "${COMP_WORDS[0]}" "${@}" "${words[@]}"
}

_rocfault() {
    local state
    state="$(shopt -p;shopt -po)"
    trap "${state//$'\n'/;}" RETURN
    shopt -s extglob
    set +o history +o posix

    local -xr SAP_SHELL=bash
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(IFS='.';printf %s "${BASH_VERSINFO[*]}")"
    local -r SAP_SHELL_VERSION

    local -r cur="${2}"
    local -r prev="${3}"

    local -i positional_number
    local -a unparsed_words=("${COMP_WORDS[@]:1:${COMP_CWORD}}")

    local -a repeating_flags=()
    local -a non_repeating_flags=(--version -h --help)
    local -a repeating_options=()
    local -a non_repeating_options=()
    __rocfault_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    check|run|list|show|report|status|watch|rules|explain|doctor|npd|prune|delete|help)
        # Offer subcommand argument completions
        "_rocfault_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'check run list show report status watch rules explain doctor npd prune delete help' -- "${cur}"))
        ;;
    esac
}

_rocfault_check() {
    repeating_flags=()
    non_repeating_flags=(--explain --version -h --help)
    repeating_options=(--gpu)
    non_repeating_options=(--json --rules)
    __rocfault_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--json')
        __rocfault_add_completions -W 'short'$'\n''pretty'
        return
        ;;
    '--rules')
        __rocfault_add_completions -d
        return
        ;;
    '--gpu')
        __rocfault_add_completions -W 'amd'$'\n''intel'$'\n''nvidia'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    *)
        __rocfault_add_completions -f
        return
        ;;
    esac
}

_rocfault_run() {
    repeating_flags=()
    non_repeating_flags=(--no-journal --no-save --version -h --help)
    repeating_options=()
    non_repeating_options=(--rules --state-dir --stall-after)
    __rocfault_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--rules')
        __rocfault_add_completions -d
        return
        ;;
    '--state-dir')
        __rocfault_add_completions -d
        return
        ;;
    '--stall-after')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    *)
        __rocfault_add_completions -W "$(__rocfault_custom_complete ---completion run -- positional@0 "${COMP_CWORD}" "$(__rocfault_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_rocfault_list() {
    repeating_flags=()
    non_repeating_flags=(--no-pager --no-legend -f --follow --version -h --help)
    repeating_options=()
    non_repeating_options=(--state-dir -b --boot -g --grep -S --since -U --until --side --pid --comm -n --lines --json --journal-directory --host)
    __rocfault_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--state-dir')
        __rocfault_add_completions -d
        return
        ;;
    '-b'|'--boot')
        return
        ;;
    '-g'|'--grep')
        return
        ;;
    '-S'|'--since')
        return
        ;;
    '-U'|'--until')
        return
        ;;
    '--side')
        __rocfault_add_completions -W 'kernel'$'\n''userspace'$'\n''hang'$'\n''none'
        return
        ;;
    '--pid')
        return
        ;;
    '--comm')
        return
        ;;
    '-n'|'--lines')
        return
        ;;
    '--json')
        __rocfault_add_completions -W 'short'$'\n''pretty'
        return
        ;;
    '--journal-directory')
        return
        ;;
    '--host')
        return
        ;;
    esac
}

_rocfault_show() {
    repeating_flags=()
    non_repeating_flags=(--last --no-pager --version -h --help)
    repeating_options=()
    non_repeating_options=(--state-dir -b --boot -g --grep --json --journal-directory --host)
    __rocfault_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--state-dir')
        __rocfault_add_completions -d
        return
        ;;
    '-b'|'--boot')
        return
        ;;
    '-g'|'--grep')
        return
        ;;
    '--json')
        __rocfault_add_completions -W 'short'$'\n''pretty'
        return
        ;;
    '--journal-directory')
        return
        ;;
    '--host')
        return
        ;;
    esac
}

_rocfault_report() {
    repeating_flags=()
    non_repeating_flags=(--last --force --preview --no-redact --version -h --help)
    repeating_options=()
    non_repeating_options=(--state-dir -o --output --rocminfo-timeout --journal-directory)
    __rocfault_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--state-dir')
        __rocfault_add_completions -d
        return
        ;;
    '-o'|'--output')
        __rocfault_add_completions -f
        return
        ;;
    '--rocminfo-timeout')
        return
        ;;
    '--journal-directory')
        __rocfault_add_completions -d
        return
        ;;
    esac
}

_rocfault_status() {
    repeating_flags=()
    non_repeating_flags=(-v --verbose --version -h --help)
    repeating_options=()
    non_repeating_options=(--state-dir --rules --json --journal-directory)
    __rocfault_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--state-dir')
        __rocfault_add_completions -d
        return
        ;;
    '--rules')
        __rocfault_add_completions -d
        return
        ;;
    '--json')
        __rocfault_add_completions -W 'short'$'\n''pretty'
        return
        ;;
    '--journal-directory')
        __rocfault_add_completions -d
        return
        ;;
    esac
}

_rocfault_watch() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--state-dir -b --boot -g --grep -n --lines --json)
    __rocfault_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--state-dir')
        __rocfault_add_completions -d
        return
        ;;
    '-b'|'--boot')
        return
        ;;
    '-g'|'--grep')
        return
        ;;
    '-n'|'--lines')
        return
        ;;
    '--json')
        __rocfault_add_completions -W 'short'$'\n''pretty'
        return
        ;;
    esac
}

_rocfault_rules() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __rocfault_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    lint|test|list|doc)
        # Offer subcommand argument completions
        "_rocfault_rules_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'lint test list doc' -- "${cur}"))
        ;;
    esac
}

_rocfault_rules_lint() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __rocfault_offer_flags_options 1

    # Offer positional completions
    case "${positional_number}" in
    1)
        __rocfault_add_completions -d
        return
        ;;
    esac
}

_rocfault_rules_test() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __rocfault_offer_flags_options 1

    # Offer positional completions
    case "${positional_number}" in
    1)
        __rocfault_add_completions -d
        return
        ;;
    esac
}

_rocfault_rules_list() {
    repeating_flags=()
    non_repeating_flags=(--patterns --version -h --help)
    repeating_options=()
    non_repeating_options=()
    __rocfault_offer_flags_options 1

    # Offer positional completions
    case "${positional_number}" in
    1)
        __rocfault_add_completions -d
        return
        ;;
    esac
}

_rocfault_rules_doc() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __rocfault_offer_flags_options 1

    # Offer positional completions
    case "${positional_number}" in
    1)
        __rocfault_add_completions -d
        return
        ;;
    esac
}

_rocfault_explain() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--json --rules)
    __rocfault_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--json')
        __rocfault_add_completions -W 'short'$'\n''pretty'
        return
        ;;
    '--rules')
        __rocfault_add_completions -d
        return
        ;;
    esac
}

_rocfault_doctor() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--json --root --pid --rules)
    __rocfault_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--json')
        __rocfault_add_completions -W 'short'$'\n''pretty'
        return
        ;;
    '--root')
        return
        ;;
    '--pid')
        return
        ;;
    '--rules')
        return
        ;;
    esac
}

_rocfault_npd() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--condition --window --state-dir)
    __rocfault_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--condition')
        __rocfault_add_completions -W 'failed'$'\n''stalled'
        return
        ;;
    '--window')
        return
        ;;
    '--state-dir')
        __rocfault_add_completions -d
        return
        ;;
    esac
}

_rocfault_prune() {
    repeating_flags=()
    non_repeating_flags=(--dry-run --version -h --help)
    repeating_options=()
    non_repeating_options=(--state-dir --older-than)
    __rocfault_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--state-dir')
        __rocfault_add_completions -d
        return
        ;;
    '--older-than')
        return
        ;;
    esac
}

_rocfault_delete() {
    repeating_flags=()
    non_repeating_flags=(--force --version -h --help)
    repeating_options=()
    non_repeating_options=(--state-dir)
    __rocfault_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--state-dir')
        __rocfault_add_completions -d
        return
        ;;
    esac
}

_rocfault_help() {
    repeating_flags=()
    non_repeating_flags=(--version)
    repeating_options=()
    non_repeating_options=()
    __rocfault_offer_flags_options -1
}

complete -o filenames -F _rocfault rocfault
