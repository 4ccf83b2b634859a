package org.lianxin.web;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class LianxinApplication {
    public static void main(String[] args) {
        SpringApplication.run(LianxinApplication.class, args);
    }
}
