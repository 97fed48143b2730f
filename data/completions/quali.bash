# Complétion bash de quali (installée dans /usr/share/bash-completion/completions/quali).
# Sous-commandes, options de chacune, valeurs fermées (formats, zones, types, décisions) et,
# pour les arguments, les slugs d'organismes et identifiants d'auditeurs du dépôt courant.

_quali_root()
{
    local d=$PWD
    while [[ -n $d ]]; do
        [[ -f $d/quali.yaml ]] && { printf '%s' "$d"; return; }
        d=${d%/*}
    done
}

_quali_names()   # _quali_names SOUS-DOSSIER [SUFFIXE] : noms des entrées du dépôt courant
{
    local root; root=$(_quali_root)
    [[ -n $root && -d $root/$1 ]] || return
    local f
    for f in "$root/$1"/*"$2"; do
        [[ -e $f ]] || continue
        f=${f##*/}
        printf '%s\n' "${f%"$2"}"
    done
}

# Files and folders: bash-completion's _filedir when it is loaded, else compgen.
_quali_files()
{
    if declare -F _filedir >/dev/null; then _filedir "$@"
    elif [[ $1 == -d ]]; then COMPREPLY+=($(compgen -d -- "$cur"))
    else COMPREPLY+=($(compgen -f -- "$cur")); fi
}

_quali()
{
    local cur prev words cword
    if declare -F _init_completion >/dev/null; then
        _init_completion -n = || return
    else
        words=("${COMP_WORDS[@]}"); cword=$COMP_CWORD
        cur=${COMP_WORDS[COMP_CWORD]}; prev=${COMP_WORDS[COMP_CWORD - 1]}
    fi

    local commands="validate explain status deadlines feries init new sign diff agenda dossier notify pv bilan export site cache"
    local global="--lang --no-color -q --quiet --no-cache --version -h --help"

    # The subcommand (and the type, for new) is the first word that is not an option.
    local cmd="" sub="" i
    for ((i = 1; i < cword; i++)); do
        case ${words[i]} in
            --lang) ((i++)) ;;
            -*) ;;
            *) if [[ -z $cmd ]]; then cmd=${words[i]}; elif [[ ($cmd == new || $cmd == cache) && -z $sub ]]; then sub=${words[i]}; fi ;;
        esac
    done

    case $prev in
        --lang) COMPREPLY=($(compgen -W "fr en" -- "$cur")); return ;;
        --format)
            case $cmd in
                validate) COMPREPLY=($(compgen -W "text json github gitlab sarif" -- "$cur")) ;;
                deadlines) COMPREPLY=($(compgen -W "text json ics" -- "$cur")) ;;
                diff) COMPREPLY=($(compgen -W "text md json" -- "$cur")) ;;
                agenda|dossier|pv|bilan) COMPREPLY=($(compgen -W "md html json" -- "$cur")) ;;
                export) COMPREPLY=($(compgen -W "csv json" -- "$cur")) ;;
                *) COMPREPLY=($(compgen -W "text json" -- "$cur")) ;;
            esac
            return ;;
        --zone) COMPREPLY=($(compgen -W "metropole alsace-moselle guadeloupe martinique guyane la-reunion mayotte saint-barthelemy saint-martin" -- "$cur")); return ;;
        --table) COMPREPLY=($(compgen -W "organismes actions decisions audits echeances" -- "$cur")); return ;;
        --type) COMPREPLY=($(compgen -W "diagnostic-hqs verification diagnostic-hqs-renouvellement mise-en-oeuvre" -- "$cur")); return ;;
        --decision) COMPREPLY=($(compgen -W "admissibilite labellisation maintien renouvellement" -- "$cur")); return ;;
        --famille) COMPREPLY=($(compgen -W "OPH ESH COOP SEM autre" -- "$cur")); return ;;
        --federation) COMPREPLY=($(compgen -W "federation-oph federation-esh federation-coop procivis aucune" -- "$cur")); return ;;
        --auditeur) COMPREPLY=($(compgen -W "$(_quali_names auditeurs .yaml)" -- "$cur")); return ;;
        --candidature|--seance) COMPREPLY=($(compgen -W "$(_quali_names comite/seances .yaml)" -- "$cur")); return ;;
        -C|--depot|-o|--output) if [[ ($prev == -o || $prev == --output) && $cmd == site ]]; then _quali_files -d
            elif [[ $prev == -o || $prev == --output ]]; then _quali_files; else _quali_files -d; fi; return ;;
        --cle|--cle-publique) _quali_files; return ;;
        --as-of|--debut|--fin|--engagement|--date|--within|--nom|--siren|--region|--logements|--contact|--courriel|--lieu|--cabinet|--jours) return ;;
    esac

    if [[ -z $cmd ]]; then
        if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W "$global" -- "$cur"))
        else COMPREPLY=($(compgen -W "$commands" -- "$cur")); fi
        return
    fi

    local opts="" args=""
    case $cmd in
        validate) opts="--format --as-of --strict --staged --changed --changed="; [[ $cur != -* ]] && _quali_files ;;
        explain) opts="" ;;
        status) opts="-C --depot --as-of --format"; args=$(_quali_names organismes) ;;
        deadlines) opts="-C --depot --as-of --within --format -o --output --force" ;;
        feries) opts="--zone --format" ;;
        init) opts="--no-git --hook"; [[ $cur != -* ]] && { _quali_files -d; return; } ;;
        new)
            if [[ -z $sub ]]; then
                COMPREPLY=($(compgen -W "organisme audit candidature seance auditeur" -- "$cur")); return
            fi
            case $sub in
                organisme) opts="--nom --siren --famille --federation --region --logements --contact --courriel --engagement -C --depot" ;;
                audit) opts="--type --auditeur --debut --fin --jours -C --depot"; args=$(_quali_names organismes) ;;
                candidature) opts="--seance --decision --depot --auditeur -C"; args=$(_quali_names organismes) ;;
                seance) opts="--lieu -C --depot" ;;
                auditeur) opts="--nom --cabinet --courriel --debut --fin --seance --cle-publique -C --depot" ;;
            esac ;;
        sign) opts="--candidature --auditeur --cle --date -C --depot --force"; args=$(_quali_names organismes) ;;
        diff) opts="--format -C --depot"; args=$(git tag 2>/dev/null; git branch --format='%(refname:short)' 2>/dev/null; echo HEAD HEAD~1) ;;
        agenda) opts="--format -o --output --force -C --depot --as-of"; args=$(_quali_names comite/seances .yaml) ;;
        dossier) opts="--format -o --output --force -C --depot --as-of"; args=$(_quali_names organismes) ;;
        notify) opts="-o --output --force -C --depot --as-of"; args=$(_quali_names comite/seances .yaml) ;;
        pv) opts="--format -o --output --force -C --depot"; args=$(_quali_names comite/seances .yaml) ;;
        bilan) opts="--format -o --output --force -C --depot --as-of" ;;
        export) opts="--table --format --excel -o --output --force -C --depot --as-of" ;;
        site) opts="-o --output --force --public --copier-preuves -C --depot --as-of" ;;
        cache)
            if [[ -z $sub ]]; then
                COMPREPLY=($(compgen -W "clear dossier" -- "$cur")); return
            fi
            opts="-C --depot" ;;
    esac
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$opts --help $global" -- "$cur"))
    elif [[ -n $args ]]; then
        COMPREPLY+=($(compgen -W "$args" -- "$cur"))
    fi
} && complete -F _quali quali
