import { registry } from "@web/core/registry";

// A 1×1 PNG: the photo the distributor attaches.
const PNG =
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

function attachPhoto(name) {
    const input = document.querySelector("input[name='files']");
    const bytes = Uint8Array.from(atob(PNG), (char) => char.charCodeAt(0));
    const transfer = new DataTransfer();
    transfer.items.add(new File([bytes], name, { type: "image/png" }));
    input.files = transfer.files;
}

// The buyer files one claim on two delivered lines of an order, with a photo.
registry.category("web_tour.tours").add("b2b_claims_file", {
    steps: () => [
        {
            content: "Claim the first delivered line of the order",
            trigger: "a.o_b2b_claim_link",
            run: "click",
            expectUnloadPage: true,
        },
        {
            trigger: "tr.o_b2b_claim_line:nth-child(1) input[name^='dot_']",
            run: "edit 1915",
        },
        {
            trigger: "tr.o_b2b_claim_line:nth-child(1) input[name^='tread_']",
            run: "edit 4,8",
        },
        {
            content: "A second line of the same order in the same claim",
            trigger: "tr.o_b2b_claim_line:nth-child(2) input.o_b2b_claim_qty",
            run: "edit 2",
        },
        {
            trigger: "tr.o_b2b_claim_line:nth-child(2) input[name^='dot_']",
            run: "edit 0222",
        },
        {
            trigger: "select[name='reason']",
            run: "select defect",
        },
        {
            trigger: "input[name='vehicle']",
            run: "edit Lada Vesta",
        },
        {
            trigger: "textarea[name='complaint']",
            run: "edit Грыжа на боковине после 12 000 км",
        },
        {
            content: "Attach a photo of the damage",
            trigger: "input[name='files']",
            run: () => attachPhoto("gryzha.png"),
        },
        {
            trigger: ".o_b2b_claim_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The claim shows both lines",
            trigger: ".o_b2b_claim table.o_b2b_claim_lines tr.o_b2b_claim_line:nth-child(2)",
        },
        {
            content: "The photo as a thumbnail",
            trigger: ".o_b2b_claim_photos img.o_b2b_claim_thumbnail",
        },
    ],
});

// The manager asked for more: the buyer answers in the thread with another photo.
registry.category("web_tour.tours").add("b2b_claims_reply", {
    steps: () => [
        {
            content: "The manager's request is in the thread, with the status it set",
            trigger: ".o_b2b_claim_message:contains('нужны дополнительные сведения')",
        },
        {
            trigger: ".o_b2b_claim_message li.o_b2b_claim_tracking[data-field='state']",
        },
        {
            trigger: ".o_b2b_claim_reply textarea[name='body']",
            run: "edit Фото протектора прилагаем",
        },
        {
            trigger: ".o_b2b_claim_reply input[name='files']",
            run: () => attachPhoto("protektor.png"),
        },
        {
            trigger: ".o_b2b_claim_reply button[type='submit']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The answer and its photo are in the thread",
            trigger: ".o_b2b_claim_message:contains('Фото протектора прилагаем') img.o_b2b_claim_thumbnail",
        },
    ],
});

// After the expertise and the replacement: the thread tells the whole story.
registry.category("web_tour.tours").add("b2b_claims_story", {
    steps: () => [
        {
            content: "The manager's request for more information",
            trigger: ".o_b2b_claim_message:contains('нужны дополнительные сведения')",
        },
        {
            content: "The distributor's answer with its photo",
            trigger: ".o_b2b_claim_message:contains('Фото протектора прилагаем') img.o_b2b_claim_thumbnail",
        },
        {
            content: "The expertise verdict and its cause",
            trigger: ".o_b2b_claim_message li.o_b2b_claim_tracking[data-field='verdict']:contains('Гарантийный случай')",
        },
        {
            trigger: ".o_b2b_claim_message li.o_b2b_claim_tracking[data-field='cause']:contains('Производственный дефект')",
        },
        {
            content: "The returned tyre and the replacement, both done, among the claim's transfers",
            trigger: ".o_b2b_claim_transfer[data-code='incoming'][data-state='done']",
        },
        {
            trigger: ".o_b2b_claim_transfer[data-code='outgoing'][data-state='done']",
            run() {
                // Each transfer is told in the thread, by its number.
                const messages = [...document.querySelectorAll(".o_b2b_claim_message")];
                for (const name of document.querySelectorAll(".o_b2b_claim_transfer_name")) {
                    if (!messages.some((msg) => msg.textContent.includes(name.textContent))) {
                        throw new Error(`The thread does not tell of ${name.textContent}`);
                    }
                }
            },
        },
    ],
});
