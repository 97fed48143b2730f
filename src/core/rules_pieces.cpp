// SPDX-License-Identifier: EUPL-1.2
// Rule 13, the pieces each requested decision needs (Q374-Q377, DOMAIN.md §5.1): each piece
// the readiness judgement finds missing is an error on the candidature file, unless another
// rule or the unreadable file already reports the same defect (MissingPiece::signale_par).
#include "rules_internal.hpp"

#include "quali/core/vocabulary.hpp"

namespace quali::core::rules_detail {

void check_pieces(Run& run, const Organisme& o)
{
    for (const Candidature& c : o.candidatures) {
        if (!c.demande) continue; // unreadable request: its file's diagnostic speaks
        const Readiness r = readiness(run.model, o, c, run.as_of, run.lang, run.unreadable);
        for (const MissingPiece& p : r.manquantes) {
            if (!p.signale_par.empty()) continue;
            Diagnostic& d = run.report(p.code, c.file, place(c.demande_pos, c.pos),
                                       run.say("candidature {} incomplète : {}", "incomplete {} application: {}",
                                               of_request(run.lang, *c.demande), p.message));
            d.hint = p.aide;
            if (!p.file.empty() && p.file != c.file) add_note(d, p.file, p.pos, run.say("pièce concernée", "the document concerned"));
        }
    }
}

} // namespace quali::core::rules_detail
