package com.madeup.calsync.dashboard.account;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page; Spring Security handles the POST. */
@Controller
class SignInController {

    @GetMapping("/login")
    String signIn() {
        return "login";
    }

    @GetMapping("/")
    String home() {
        return "redirect:/calendar";
    }
}
